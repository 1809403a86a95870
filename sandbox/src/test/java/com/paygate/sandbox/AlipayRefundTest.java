package com.paygate.sandbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.api.AlipayClient;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.support.Merchant;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * alipay.trade.refund and alipay.trade.fastpay.refund.query, called through alipay-sdk-java, which signs the
 * requests and verifies the sandbox's signature on every answer.
 */
@QuarkusTest
class AlipayRefundTest {

    @Inject
    SandboxIdentity identity;
    @TestHTTPResource("/gateway.do")
    URL gateway;

    Merchant merchant;
    AlipayClient sdk;

    @BeforeEach
    void setUp() {
        merchant = new Merchant(identity.stateDir());
        sdk = new DefaultAlipayClient(gateway.toString(), merchant.get("payment.alipay.app-id"),
                base64(merchant.alipayPrivateKey().getEncoded()), "json", "utf-8",
                base64(merchant.alipayPublicKey().getEncoded()), "RSA2");
    }

    @AfterEach
    void resetFaults() {
        given().delete("/sandbox/faults").then().statusCode(200);
    }

    @Test
    void partialRefundsThenTheRestAreSynchronousAndQueryable() throws Exception {
        String no = paidTrade("100.00");

        AlipayTradeRefundResponse first = refund(no, "30.00", "RQ1");
        assertTrue(first.isSuccess(), first.getBody());
        assertEquals("Y", first.getFundChange());
        assertEquals("30.00", first.getRefundFee());
        assertEquals(no, first.getOutTradeNo());
        assertNotNull(first.getTradeNo());
        assertNotNull(first.getGmtRefundPay());

        // The merchant's retry of the same request (after a timeout) refunds nothing more.
        AlipayTradeRefundResponse retried = refund(no, "30.00", "RQ1");
        assertTrue(retried.isSuccess(), retried.getBody());
        assertEquals("N", retried.getFundChange());
        assertEquals("30.00", retried.getRefundFee());

        AlipayTradeRefundResponse tooMuch = refund(no, "70.01", "RQ2");
        assertFalse(tooMuch.isSuccess());
        assertEquals("40004", tooMuch.getCode());
        assertEquals("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", tooMuch.getSubCode());

        AlipayTradeRefundResponse rest = refund(no, "70.00", "RQ3");
        assertTrue(rest.isSuccess(), rest.getBody());
        assertEquals("100.00", rest.getRefundFee(), "refund_fee is the trade's refunded total");

        AlipayTradeFastpayRefundQueryResponse found = query(no, "RQ1");
        assertTrue(found.isSuccess(), found.getBody());
        assertEquals("REFUND_SUCCESS", found.getRefundStatus());
        assertEquals("30.00", found.getRefundAmount());
        assertEquals("100.00", found.getTotalAmount());
        assertEquals("RQ1", found.getOutRequestNo());

        // Alipay's "no such refund": success without refund_amount.
        AlipayTradeFastpayRefundQueryResponse missing = query(no, "RQ2");
        assertTrue(missing.isSuccess(), missing.getBody());
        assertNull(missing.getRefundAmount());
        assertNull(missing.getRefundStatus());

        // Each refund made (not the retry) is also posted to the notify_url, signed as Alipay signs: a partial refund
        // keeps TRADE_SUCCESS, the one completing it says TRADE_CLOSED; refund_fee is the refunded total.
        Map<String, Map<String, String>> echoes = new java.util.HashMap<>();
        for (long deadline = System.currentTimeMillis() + 10_000; echoes.size() < 2 && System.currentTimeMillis() < deadline; ) {
            Thread.sleep(100);
            for (String body : given().queryParam("outTradeNo", no).get("/sandbox/notifications").then().statusCode(200)
                    .extract().jsonPath().<String>getList("requestBody")) {
                Map<String, String> params = form(body);
                if (params.containsKey("out_biz_no")) {
                    echoes.put(params.get("out_biz_no"), params);
                }
            }
        }
        assertEquals(java.util.Set.of("RQ1", "RQ3"), echoes.keySet());
        assertEquals("TRADE_SUCCESS", echoes.get("RQ1").get("trade_status"));
        assertEquals("30.00", echoes.get("RQ1").get("refund_fee"));
        assertEquals("TRADE_CLOSED", echoes.get("RQ3").get("trade_status"));
        assertEquals("100.00", echoes.get("RQ3").get("refund_fee"));
        assertEquals("100.00", echoes.get("RQ3").get("total_amount"));
        assertNotNull(echoes.get("RQ3").get("gmt_refund"));
        for (Map<String, String> echo : echoes.values()) {
            assertTrue(AlipaySignature.rsaCheckV1(new java.util.HashMap<>(echo), base64(merchant.alipayPublicKey().getEncoded()),
                    "utf-8", "RSA2"), "signed with Alipay's key");
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            params.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void aReusedRequestNumberWithAnotherAmountAndUnpaidOrUnknownTradesAreRefused() throws Exception {
        String no = paidTrade("10.00");
        assertTrue(refund(no, "1.00", "RU1").isSuccess());
        assertEquals("ACQ.INVALID_PARAMETER", refund(no, "2.00", "RU1").getSubCode());
        assertEquals("ACQ.INVALID_PARAMETER", refund(no, "1.001", "RU2").getSubCode());
        assertEquals("ACQ.TRADE_NOT_EXIST", refund("NO_SUCH_TRADE_9", "1.00", "RU3").getSubCode());

        String unpaid = Merchant.newOutTradeNo();
        openCashier(unpaid, "5.00");
        assertEquals("ACQ.TRADE_STATUS_ERROR", refund(unpaid, "1.00", "RU4").getSubCode());
    }

    @Test
    void concurrentRefundsNeverAddUpToMoreThanWasPaid() throws Exception {
        String no = paidTrade("1.00");
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String requestNo = "RC" + i;
            answers.add(pool.submit(() -> {
                start.await();
                return refund(no, "0.40", requestNo).isSuccess();
            }));
        }
        start.countDown();
        int accepted = 0;
        for (Future<Boolean> a : answers) {
            accepted += a.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(2, accepted, "2 x 0.40 fit into 1.00, a third does not");
    }

    @Test
    void theRefundFailFaultRefusesWithoutRefunding() throws Exception {
        String no = paidTrade("10.00");
        given().contentType("application/json").body("{\"refundFail\":true}").post("/sandbox/faults").then().statusCode(200);
        AlipayTradeRefundResponse refused = refund(no, "10.00", "RF1");
        assertFalse(refused.isSuccess());
        assertEquals("ACQ.SELLER_BALANCE_NOT_ENOUGH", refused.getSubCode());
        assertNull(query(no, "RF1").getRefundAmount());

        given().contentType("application/json").body("{\"refundFail\":false}").post("/sandbox/faults").then().statusCode(200);
        assertEquals("Y", refund(no, "10.00", "RF1").getFundChange());
    }

    private AlipayTradeRefundResponse refund(String outTradeNo, String yuan, String outRequestNo) throws Exception {
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\",\"refund_amount\":\"" + yuan
                + "\",\"out_request_no\":\"" + outRequestNo + "\",\"refund_reason\":\"test\"}");
        return sdk.execute(request);
    }

    private AlipayTradeFastpayRefundQueryResponse query(String outTradeNo, String outRequestNo) throws Exception {
        AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
        request.setBizContent("{\"out_trade_no\":\"" + outTradeNo + "\",\"out_request_no\":\"" + outRequestNo + "\"}");
        return sdk.execute(request);
    }

    private String paidTrade(String yuan) throws Exception {
        String no = Merchant.newOutTradeNo();
        openCashier(no, yuan);
        given().contentType("application/json").body("{\"outTradeNo\":\"" + no + "\",\"outcome\":\"SUCCESS\"}")
                .post("/sandbox/pay").then().statusCode(200);
        return no;
    }

    private void openCashier(String no, String yuan) throws Exception {
        AlipayTradeWapPayRequest wap = new AlipayTradeWapPayRequest();
        wap.setNotifyUrl("http://127.0.0.1:9/unreachable");
        wap.setBizContent("{\"out_trade_no\":\"" + no + "\",\"total_amount\":\"" + yuan + "\",\"subject\":\"Refund ticket\","
                + "\"product_code\":\"QUICK_WAP_WAY\"}");
        URI uri = URI.create(sdk.pageExecute(wap, "GET").getBody());
        given().urlEncodingEnabled(false).get(uri.getRawPath() + "?" + uri.getRawQuery()).then().statusCode(200);
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }
}
