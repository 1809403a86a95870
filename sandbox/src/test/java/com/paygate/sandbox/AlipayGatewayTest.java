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
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.support.Merchant;
import com.paygate.sandbox.support.NotifyReceiver;
import com.paygate.sandbox.support.NotifyReceiver.Received;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alipay's gateway and notifications, checked with alipay-sdk-java as the merchant's side. */
@QuarkusTest
class AlipayGatewayTest {

    @Inject
    SandboxIdentity identity;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/gateway.do")
    URL gateway;

    Merchant merchant;
    NotifyReceiver receiver;
    AlipayClient sdk;

    @BeforeEach
    void setUp() throws Exception {
        merchant = new Merchant(identity.stateDir());
        receiver = new NotifyReceiver(vertx);
        sdk = new DefaultAlipayClient(gateway.toString(), appId(), base64(merchant.alipayPrivateKey().getEncoded()), "json", "utf-8",
                base64(merchant.alipayPublicKey().getEncoded()), "RSA2");
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void wapPayRendersTheCashierAndTheSdkQueriesAndClosesWithVerifiedResponses() throws Exception {
        String no = Merchant.newOutTradeNo();
        Response cashier = openCashier(no, "88.88", receiver.url("/ack/" + no), null);
        assertEquals(200, cashier.statusCode());
        assertTrue(cashier.contentType().startsWith("text/html"));
        assertTrue(cashier.asString().contains("88.88"));
        assertTrue(cashier.asString().contains("Sandbox ticket"));

        AlipayTradeQueryResponse open = query(no);
        assertTrue(open.isSuccess(), open.getBody());
        assertEquals("WAIT_BUYER_PAY", open.getTradeStatus());
        assertEquals("88.88", open.getTotalAmount());

        AlipayTradeCloseRequest close = new AlipayTradeCloseRequest();
        close.setBizContent("{\"out_trade_no\":\"" + no + "\"}");
        AlipayTradeCloseResponse closed = sdk.execute(close);
        assertTrue(closed.isSuccess(), closed.getBody());
        assertEquals("TRADE_CLOSED", query(no).getTradeStatus());

        AlipayTradeQueryResponse unknown = query("NO_SUCH_TRADE_42");
        assertFalse(unknown.isSuccess());
        assertEquals("40004", unknown.getCode());
        assertEquals("ACQ.TRADE_NOT_EXIST", unknown.getSubCode());
    }

    @Test
    void precreateAnswersASignedQrCodeThatOpensTheCashierAndPaysLikeAnyTrade() throws Exception {
        String no = Merchant.newOutTradeNo();
        String path = "/ack/" + no;
        AlipayTradePrecreateRequest precreate = new AlipayTradePrecreateRequest();
        precreate.setNotifyUrl(receiver.url(path));
        precreate.setBizContent("{\"out_trade_no\":\"" + no + "\",\"total_amount\":\"66.00\",\"subject\":\"QR ticket\"}");
        // The SDK verifies the answer's signature (the client was built with Alipay's public key) before parsing it.
        AlipayTradePrecreateResponse answer = sdk.execute(precreate);
        assertTrue(answer.isSuccess(), answer.getBody());
        assertEquals(no, answer.getOutTradeNo());
        assertTrue(answer.getQrCode().startsWith("https://qr.alipay.com/"), answer.getQrCode());
        assertTrue(signedByAlipay(answer.getBody(), "alipay_trade_precreate_response"));
        assertEquals(answer.getQrCode(), sdk.execute(precreate).getQrCode(), "a repeat answers the same code");

        // The trade exists at once, before anyone scans.
        assertEquals("WAIT_BUYER_PAY", query(no).getTradeStatus());
        AlipayTradePrecreateRequest other = new AlipayTradePrecreateRequest();
        other.setNotifyUrl(receiver.url(path));
        other.setBizContent("{\"out_trade_no\":\"" + no + "\",\"total_amount\":\"1.00\",\"subject\":\"QR ticket\"}");
        assertEquals("ACQ.CONTEXT_INCONSISTENT", sdk.execute(other).getSubCode(), "same out_trade_no, another amount");

        // The buyer's phone opens the code: the cashier of exactly that trade.
        Response scanned = given().queryParam("qr_code", answer.getQrCode()).get("/sandbox/checkout/alipay-qr");
        assertEquals(200, scanned.statusCode(), scanned.asString());
        assertTrue(scanned.asString().contains("66.00") && scanned.asString().contains(no));
        assertEquals(404, given().queryParam("qr_code", "https://qr.alipay.com/nope").get("/sandbox/checkout/alipay-qr").statusCode());

        Matcher action = Pattern.compile("data-pay-url=\"([^\"]+)\"").matcher(scanned.asString());
        assertTrue(action.find());
        given().contentType("application/json").body("{\"outcome\":\"SUCCESS\"}").post(action.group(1)).then().statusCode(200);
        NotifyReceiver.await(() -> receiver.received(path).size() == 1, 5000, "the notification");
        Map<String, String> form = parse(receiver.received(path).get(0).body());
        assertTrue(AlipaySignature.rsaCheckV1(form, base64(merchant.alipayPublicKey().getEncoded()), "utf-8", "RSA2"));
        assertEquals("TRADE_SUCCESS", form.get("trade_status"));
        assertEquals("66.00", form.get("total_amount"));
        assertEquals("TRADE_SUCCESS", query(no).getTradeStatus());
    }

    @Test
    void pagePayRendersTheDesktopCashierFromTheSdksFormAndReturnsWithPagePayReturn() throws Exception {
        String no = Merchant.newOutTradeNo();
        AlipayTradePagePayRequest page = new AlipayTradePagePayRequest();
        page.setNotifyUrl(receiver.url("/ack/" + no));
        page.setReturnUrl("https://shop.example/back");
        page.setBizContent("{\"out_trade_no\":\"" + no + "\",\"total_amount\":\"9.90\",\"subject\":\"Desk ticket\","
                + "\"product_code\":\"FAST_INSTANT_TRADE_PAY\"}");
        // The SDK's form POST: common parameters in the action's query, biz_content in the form body.
        String form = sdk.pageExecute(page, "POST").getBody();
        Matcher actionUrl = Pattern.compile("action=\"([^\"]+)\"").matcher(form);
        Matcher biz = Pattern.compile("name=\"biz_content\" value=\"([^\"]+)\"").matcher(form);
        assertTrue(actionUrl.find() && biz.find(), form);
        URI action = URI.create(actionUrl.group(1).replace("&amp;", "&"));
        Response cashier = given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded")
                .body("biz_content=" + java.net.URLEncoder.encode(biz.group(1).replace("&quot;", "\""), StandardCharsets.UTF_8))
                .post(action.getRawPath() + "?" + action.getRawQuery());
        assertEquals(200, cashier.statusCode(), cashier.asString());
        assertTrue(cashier.asString().contains("9.90"));

        Map<String, String> wrongProduct = common("alipay.trade.page.pay", "{\"out_trade_no\":\"" + Merchant.newOutTradeNo()
                + "\",\"total_amount\":\"1.00\",\"subject\":\"s\",\"product_code\":\"QUICK_WAP_WAY\"}");
        wrongProduct.put("sign", RsaSha256.sign(merchant.alipayPrivateKey(), content(wrongProduct)));
        assertEquals("ACQ.INVALID_PARAMETER", given().formParams(wrongProduct).post("/gateway.do").jsonPath()
                .getString("alipay_trade_page_pay_response.sub_code"));

        Matcher pay = Pattern.compile("data-pay-url=\"([^\"]+)\"").matcher(cashier.asString());
        assertTrue(pay.find());
        Response paid = given().contentType("application/json").body("{\"outcome\":\"SUCCESS\"}").post(pay.group(1));
        Map<String, String> returned = parse(URI.create(paid.jsonPath().getString("redirect")).getRawQuery());
        assertEquals("alipay.trade.page.pay.return", returned.get("method"));
        assertTrue(AlipaySignature.rsaCheckV1(returned, base64(merchant.alipayPublicKey().getEncoded()), "utf-8", "RSA2"));
    }

    @Test
    void paidTradeIsNotifiedWithAFormTheSdkVerifiesAndRetriedUntilSuccess() throws Exception {
        String no = Merchant.newOutTradeNo();
        String path = "/flaky/1/" + no;
        openCashier(no, "12.34", receiver.url(path), null);
        given().contentType("application/json").body("{\"outTradeNo\":\"" + no + "\",\"outcome\":\"SUCCESS\"}")
                .post("/sandbox/pay").then().statusCode(200);

        NotifyReceiver.await(() -> receiver.received(path).size() == 2, 5000, "a retry after the failed first attempt");
        for (Received n : receiver.received(path)) {
            assertTrue(n.headers().get("Content-Type").startsWith("application/x-www-form-urlencoded"));
            Map<String, String> form = parse(n.body());
            assertTrue(AlipaySignature.rsaCheckV1(form, base64(merchant.alipayPublicKey().getEncoded()), "utf-8", "RSA2"));
            assertEquals("TRADE_SUCCESS", form.get("trade_status"));
            assertEquals("12.34", form.get("total_amount"));
            assertEquals(no, form.get("out_trade_no"));
            assertEquals(appId(), form.get("app_id"));
            assertEquals(merchant.get("payment.alipay.seller-id"), form.get("seller_id"));
            assertEquals("trade_status_sync", form.get("notify_type"));
            assertNotNull(form.get("gmt_payment"));
        }
        AlipayTradeQueryResponse paid = query(no);
        assertEquals("TRADE_SUCCESS", paid.getTradeStatus());
        assertEquals(parse(receiver.received(path).get(0).body()).get("trade_no"), paid.getTradeNo());
    }

    @Test
    void badlySignedOrForeignRequestsAreRefusedInAlipaysWords() throws Exception {
        Map<String, String> params = common("alipay.trade.query", "{\"out_trade_no\":\"X123456\"}");
        params.put("sign", RsaSha256.sign(merchant.wechatPrivateKey(), content(params)));
        Response forged = given().formParams(params).post("/gateway.do");
        assertEquals("40002", forged.jsonPath().getString("alipay_trade_query_response.code"));
        assertEquals("isv.invalid-signature", forged.jsonPath().getString("alipay_trade_query_response.sub_code"));
        assertTrue(signedByAlipay(forged.asString(), "alipay_trade_query_response"));

        Map<String, String> tampered = common("alipay.trade.query", "{\"out_trade_no\":\"X123456\"}");
        tampered.put("sign", RsaSha256.sign(merchant.alipayPrivateKey(), content(tampered)));
        tampered.put("biz_content", "{\"out_trade_no\":\"Y123456\"}");
        assertEquals("isv.invalid-signature",
                given().formParams(tampered).post("/gateway.do").jsonPath().getString("alipay_trade_query_response.sub_code"));

        Map<String, String> foreign = common("alipay.trade.query", "{\"out_trade_no\":\"X123456\"}");
        foreign.put("app_id", "2021000000000000");
        foreign.put("sign", RsaSha256.sign(merchant.alipayPrivateKey(), content(foreign)));
        assertEquals("isv.invalid-app-id",
                given().formParams(foreign).post("/gateway.do").jsonPath().getString("alipay_trade_query_response.sub_code"));

        // Query parameters as GET, correctly signed with the merchant key: accepted (trade unknown, so a business error).
        Map<String, String> good = common("alipay.trade.query", "{\"out_trade_no\":\"X123456\"}");
        good.put("sign", RsaSha256.sign(merchant.alipayPrivateKey(), content(good)));
        Response viaGet = given().queryParams(good).get("/gateway.do");
        assertEquals("ACQ.TRADE_NOT_EXIST", viaGet.jsonPath().getString("alipay_trade_query_response.sub_code"));
        assertTrue(signedByAlipay(viaGet.asString(), "alipay_trade_query_response"));

        Map<String, String> badAmount = common("alipay.trade.wap.pay",
                "{\"out_trade_no\":\"" + Merchant.newOutTradeNo() + "\",\"total_amount\":\"1.234\",\"subject\":\"s\",\"product_code\":\"QUICK_WAP_WAY\"}");
        badAmount.put("sign", RsaSha256.sign(merchant.alipayPrivateKey(), content(badAmount)));
        Response refused = given().formParams(badAmount).post("/gateway.do");
        assertEquals("ACQ.INVALID_PARAMETER", refused.jsonPath().getString("alipay_trade_wap_pay_response.sub_code"));
    }

    @Test
    void cashierPayButtonReturnsToTheMerchantWithSignedParameters() throws Exception {
        String no = Merchant.newOutTradeNo();
        String html = openCashier(no, "5.00", receiver.url("/ack/" + no), "https://shop.example/return?from=alipay").asString();
        Matcher action = Pattern.compile("data-pay-url=\"([^\"]+)\"").matcher(html);
        assertTrue(action.find());

        Response failed = given().contentType("application/json").body("{\"outcome\":\"FAIL\"}").post(action.group(1));
        assertEquals(200, failed.statusCode(), failed.asString());
        assertNull(failed.jsonPath().getString("redirect"), "Alipay returns the payer only after paying");

        Response paid = given().contentType("application/json").body("{\"outcome\":\"SUCCESS\"}").post(action.group(1));
        assertEquals("SUCCESS", paid.jsonPath().getString("state"));
        URI back = URI.create(paid.jsonPath().getString("redirect"));
        assertEquals("shop.example", back.getHost());
        Map<String, String> returned = parse(back.getRawQuery());
        assertEquals("alipay", returned.remove("from"));
        assertEquals(no, returned.get("out_trade_no"));
        assertEquals("5.00", returned.get("total_amount"));
        assertTrue(AlipaySignature.rsaCheckV1(returned, base64(merchant.alipayPublicKey().getEncoded()), "utf-8", "RSA2"));
        NotifyReceiver.await(() -> receiver.received("/ack/" + no).size() == 1, 5000, "the notification");
    }

    @Test
    void faultKnobsApplyToAlipayToo() throws Exception {
        try {
            given().contentType("application/json").body("{\"apiErrorRate\":1}").post("/sandbox/faults").then().statusCode(200);
            AlipayTradeQueryResponse busy = query("ANY_TRADE_1");
            assertEquals("20000", busy.getCode(), busy.getBody());

            given().contentType("application/json").body("{\"apiErrorRate\":0,\"wrongAmount\":true,\"outOfOrder\":true}")
                    .post("/sandbox/faults").then().statusCode(200);
            String no = Merchant.newOutTradeNo();
            String path = "/ack/" + no;
            openCashier(no, "10.00", receiver.url(path), null);
            given().contentType("application/json").body("{\"outTradeNo\":\"" + no + "\",\"outcome\":\"SUCCESS\"}")
                    .post("/sandbox/pay").then().statusCode(200);
            NotifyReceiver.await(() -> receiver.received(path).size() == 2, 5000, "the notification and its stale copy");
            Map<String, String> first = parse(receiver.received(path).get(0).body());
            Map<String, String> stale = parse(receiver.received(path).get(1).body());
            assertEquals("10.01", first.get("total_amount"));
            assertEquals("TRADE_SUCCESS", first.get("trade_status"));
            assertEquals("WAIT_BUYER_PAY", stale.get("trade_status"));
            assertTrue(AlipaySignature.rsaCheckV1(stale, base64(merchant.alipayPublicKey().getEncoded()), "utf-8", "RSA2"));
        } finally {
            given().delete("/sandbox/faults").then().statusCode(200);
        }
    }

    private Response openCashier(String no, String yuan, String notifyUrl, String returnUrl) throws Exception {
        AlipayTradeWapPayRequest wap = new AlipayTradeWapPayRequest();
        wap.setNotifyUrl(notifyUrl);
        if (returnUrl != null) {
            wap.setReturnUrl(returnUrl);
        }
        // Alipay reads time_expire as Beijing time, whatever the merchant server's zone.
        String expire = LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai")).plusMinutes(30).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        wap.setBizContent("{\"out_trade_no\":\"" + no + "\",\"total_amount\":\"" + yuan + "\",\"subject\":\"Sandbox ticket\","
                + "\"product_code\":\"QUICK_WAP_WAY\",\"time_expire\":\"" + expire + "\"}");
        String url = sdk.pageExecute(wap, "GET").getBody();
        URI uri = URI.create(url);
        return given().urlEncodingEnabled(false).get(uri.getRawPath() + "?" + uri.getRawQuery());
    }

    private AlipayTradeQueryResponse query(String no) throws Exception {
        AlipayTradeQueryRequest query = new AlipayTradeQueryRequest();
        query.setBizContent("{\"out_trade_no\":\"" + no + "\"}");
        return sdk.execute(query);
    }

    private boolean signedByAlipay(String body, String node) {
        int start = body.indexOf("\"" + node + "\":") + node.length() + 3;
        int end = body.lastIndexOf(",\"sign\":");
        String sign = body.substring(body.lastIndexOf("\"sign\":\"") + 8, body.lastIndexOf('"'));
        return RsaSha256.verify(merchant.alipayPublicKey(), body.substring(start, end), sign);
    }

    private Map<String, String> common(String method, String biz) {
        Map<String, String> params = new HashMap<>();
        params.put("app_id", appId());
        params.put("method", method);
        params.put("format", "JSON");
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        params.put("version", "1.0");
        params.put("biz_content", biz);
        return params;
    }

    private static String content(Map<String, String> params) {
        return AlipaySignature.getSignCheckContentV2(params);
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> params = new TreeMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private String appId() {
        return merchant.get("payment.alipay.app-id");
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }
}
