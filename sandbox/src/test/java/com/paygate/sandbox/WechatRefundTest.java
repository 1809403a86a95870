package com.paygate.sandbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.common.crypto.AesGcm;
import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.support.Merchant;
import com.paygate.sandbox.support.NotifyReceiver;
import com.paygate.sandbox.support.NotifyReceiver.Received;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WeChat Pay v3 domestic refunds: the official SDK's RefundService creates and queries them (checking every
 * response signature), its NotificationParser verifies and decrypts the refund notification; raw requests
 * cover the refusals and concurrent over-refunding.
 */
@QuarkusTest
class WechatRefundTest {

    private static final String REFUNDS = "/v3/refund/domestic/refunds";

    @Inject
    SandboxIdentity identity;
    @Inject
    Vertx vertx;
    @Inject
    ObjectMapper json;
    @TestHTTPResource("/")
    URL sandbox;

    Merchant merchant;
    NotifyReceiver receiver;
    RefundService sdk;

    @BeforeEach
    void setUp() throws Exception {
        merchant = new Merchant(identity.stateDir());
        receiver = new NotifyReceiver(vertx);
        RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder()
                .merchantId(merchant.mchId())
                .privateKeyFromPath(merchant.get("payment.wechat.merchant-private-key"))
                .merchantSerialNumber(merchant.get("payment.wechat.merchant-serial-no"))
                .publicKey(merchant.platformPublicKey())
                .publicKeyId(merchant.publicKeyId())
                .apiV3Key(merchant.apiV3Key())
                .build();
        OkHttpClient toSandbox = new OkHttpClient.Builder().addInterceptor(chain -> {
            HttpUrl url = chain.request().url().newBuilder().scheme("http").host(sandbox.getHost()).port(sandbox.getPort()).build();
            return chain.proceed(chain.request().newBuilder().url(url).build());
        }).build();
        sdk = new RefundService.Builder().config(config)
                .httpClient(new DefaultHttpClientBuilder().config(config).okHttpClient(toSandbox).build()).build();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        given().delete("/sandbox/faults").then().statusCode(200);
    }

    @Test
    void sdkRefundsPartlyThenTheRestAndEachIsNotifiedAsTheSdkExpects() throws Exception {
        String no = paidTrade(1000);
        String path = "/refund-ack/" + no;

        Refund first = sdk.create(request(no, "R1-" + no, 300, 1000, receiver.url(path)));
        assertEquals(Status.PROCESSING, first.getStatus());
        assertEquals("R1-" + no, first.getOutRefundNo());
        assertEquals(no, first.getOutTradeNo());
        assertNotNull(first.getRefundId());
        assertNotNull(first.getTransactionId());
        assertEquals(300L, first.getAmount().getRefund());
        assertEquals(1000L, first.getAmount().getTotal());
        assertEquals("CNY", first.getAmount().getCurrency());
        assertNull(first.getSuccessTime());

        NotifyReceiver.await(() -> receiver.received(path).size() == 1, 5000, "the refund notification");
        Received n = receiver.received(path).get(0);
        JsonNode event = json.readTree(n.body());
        assertEquals("REFUND.SUCCESS", event.path("event_type").asText());
        assertEquals("refund", event.path("resource").path("original_type").asText());
        assertEquals("refund", event.path("resource").path("associated_data").asText());
        assertEquals("AEAD_AES_256_GCM", event.path("resource").path("algorithm").asText());
        JsonNode resource = json.readTree(new AesGcm(merchant.apiV3Key()).decrypt("refund",
                event.path("resource").path("nonce").asText(), event.path("resource").path("ciphertext").asText()));
        assertEquals(merchant.mchId(), resource.path("mchid").asText());

        RefundNotification notified = parse(n);
        assertEquals(Status.SUCCESS, notified.getRefundStatus());
        assertEquals("R1-" + no, notified.getOutRefundNo());
        assertEquals(first.getRefundId(), notified.getRefundId());
        assertEquals(first.getTransactionId(), notified.getTransactionId());
        assertEquals(300L, notified.getAmount().getRefund());
        assertEquals(1000L, notified.getAmount().getTotal());
        assertNotNull(notified.getSuccessTime());

        QueryByOutRefundNoRequest query = new QueryByOutRefundNoRequest();
        query.setOutRefundNo("R1-" + no);
        Refund settled = sdk.queryByOutRefundNo(query);
        assertEquals(Status.SUCCESS, settled.getStatus());
        assertNotNull(settled.getSuccessTime());

        // More than is left (700) is refused; exactly what is left is accepted.
        ServiceException tooMuch = assertThrows(ServiceException.class,
                () -> sdk.create(request(no, "R2-" + no, 701, 1000, null)));
        assertEquals("INVALID_REQUEST", tooMuch.getErrorCode());
        assertEquals(Status.PROCESSING, sdk.create(request(no, "R3-" + no, 700, 1000, null)).getStatus());
        ServiceException nothingLeft = assertThrows(ServiceException.class,
                () -> sdk.create(request(no, "R4-" + no, 1, 1000, null)));
        assertEquals("INVALID_REQUEST", nothingLeft.getErrorCode());
    }

    @Test
    void anUnacknowledgedRefundNotificationIsRetriedOnThePaymentSchedule() {
        String no = paidTrade(100);
        String path = "/flaky/2/" + no;
        assertEquals(200, merchant.post(REFUNDS, body(no, "RN-" + no, 100, 100, receiver.url(path))).statusCode());
        NotifyReceiver.await(() -> receiver.received(path).size() == 3, 5000, "two failures and an acknowledged retry");
        List<Received> sent = receiver.received(path);
        // Each attempt is signed afresh (WeChat's timestamp window), the event itself is the same.
        assertEquals(sent.get(0).body(), sent.get(2).body());
        assertEquals(Status.SUCCESS, parse(sent.get(2)).getRefundStatus());
    }

    @Test
    void aRefundByTransactionIdFindsItsTradeAndTheSandboxListsTheTradesRefunds() {
        String no = paidTrade(100);
        String tx = merchant.get("/v3/pay/transactions/out-trade-no/" + no + "?mchid=" + merchant.mchId(), true)
                .jsonPath().getString("transaction_id");
        Response byId = merchant.post(REFUNDS, "{\"transaction_id\":\"" + tx + "\",\"out_refund_no\":\"RT-" + no
                + "\",\"amount\":{\"refund\":40,\"total\":100,\"currency\":\"CNY\"}}");
        assertEquals(200, byId.statusCode(), byId.asString());
        assertEquals(no, byId.jsonPath().getString("out_trade_no"));
        assertEquals(tx, byId.jsonPath().getString("transaction_id"));
        // A transaction id of one trade with the out_trade_no of another names no trade.
        String other = paidTrade(100);
        assertRefused(merchant.post(REFUNDS, "{\"transaction_id\":\"" + tx + "\",\"out_trade_no\":\"" + other
                + "\",\"out_refund_no\":\"RT-" + other + "\",\"amount\":{\"refund\":1,\"total\":100,\"currency\":\"CNY\"}}"),
                404, "RESOURCE_NOT_EXISTS");

        NotifyReceiver.await(() -> "SUCCESS".equals(given().get("/sandbox/transactions/" + no + "/refunds")
                .jsonPath().getString("[0].state")), 5000, "the refund to settle");
        Response listed = given().get("/sandbox/transactions/" + no + "/refunds");
        assertEquals(1, listed.jsonPath().getList("$").size());
        assertEquals("RT-" + no, listed.jsonPath().getString("[0].outRefundNo"));
        assertEquals(40, listed.jsonPath().getLong("[0].refundFen"));
        assertEquals(404, given().get("/sandbox/transactions/NO_SUCH_TRADE_3/refunds").statusCode());
    }

    @Test
    void aRepeatedOutRefundNoAnswersTheSameRefundAndAChangedOneIsRefused() {
        String no = paidTrade(500);
        String body = body(no, "RR-" + no, 200, 500, null);
        Response first = merchant.post(REFUNDS, body);
        assertEquals(200, first.statusCode(), first.asString());
        assertTrue(merchant.platformSigned(first));
        Response again = merchant.post(REFUNDS, body);
        assertEquals(200, again.statusCode());
        assertEquals(first.jsonPath().getString("refund_id"), again.jsonPath().getString("refund_id"));

        Response changed = merchant.post(REFUNDS, body(no, "RR-" + no, 300, 500, null));
        assertEquals(400, changed.statusCode());
        assertEquals("INVALID_REQUEST", changed.jsonPath().getString("code"));
        // Only one refund was made: 300 of the 500 are still refundable.
        assertEquals(200, merchant.post(REFUNDS, body(no, "RS-" + no, 300, 500, null)).statusCode());
    }

    @Test
    void concurrentRefundsNeverAddUpToMoreThanWasPaid() throws Exception {
        String no = paidTrade(100);
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = body(no, "RC" + i + "-" + no, 30, 100, null);
            answers.add(pool.submit(() -> {
                start.await();
                return merchant.post(REFUNDS, body).statusCode();
            }));
        }
        start.countDown();
        int accepted = 0;
        for (Future<Integer> a : answers) {
            int status = a.get();
            assertTrue(status == 200 || status == 400, "status " + status);
            accepted += status == 200 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(3, accepted, "3 x 30 fit into 100, a fourth does not");
    }

    @Test
    void refusalsInWechatsWords() {
        String unpaid = Merchant.newOutTradeNo();
        merchant.post("/v3/pay/transactions/jsapi", merchant.jsapiBody(unpaid, 100, "https://merchant.example/n"));
        assertRefused(merchant.post(REFUNDS, body(unpaid, "RX-" + unpaid, 10, 100, null)), 400, "INVALID_REQUEST");

        String no = paidTrade(100);
        assertRefused(merchant.post(REFUNDS, body(no, "RX-" + no, 10, 99, null)), 400, "PARAM_ERROR");
        assertRefused(merchant.post(REFUNDS, body(no, "RX-" + no, 0, 100, null)), 400, "PARAM_ERROR");
        assertRefused(merchant.post(REFUNDS, body("NO_SUCH_TRADE_7", "RX-7", 10, 100, null)), 404, "RESOURCE_NOT_EXISTS");
        assertRefused(merchant.post(REFUNDS, "{\"out_trade_no\":\"" + no + "\",\"amount\":{\"refund\":1,\"total\":100,"
                + "\"currency\":\"CNY\"}}"), 400, "PARAM_ERROR");
        assertRefused(merchant.post(REFUNDS, "{\"out_refund_no\":\"R\""), 400, "PARAM_ERROR");
        assertRefused(merchant.post(REFUNDS, body(no, "RX-" + no, 10, 100, null).replace("CNY", "USD")), 400, "PARAM_ERROR");

        Response unsigned = given().contentType("application/json").body(body(no, "RY-" + no, 10, 100, null)).post(REFUNDS);
        assertRefused(unsigned, 401, "SIGN_ERROR");
        assertRefused(merchant.get(REFUNDS + "/NO_SUCH_REFUND", true), 404, "RESOURCE_NOT_EXISTS");
        assertRefused(merchant.get(REFUNDS + "/NO_SUCH_REFUND", false), 401, "SIGN_ERROR");
    }

    @Test
    void theRefundFailFaultEndsItAbnormalAndADroppedNotificationLeavesOnlyTheQuery() throws Exception {
        given().contentType("application/json").body("{\"refundFail\":true}").post("/sandbox/faults").then().statusCode(200);
        String no = paidTrade(100);
        String path = "/refund-ack/" + no;
        assertEquals(200, merchant.post(REFUNDS, body(no, "RF-" + no, 100, 100, receiver.url(path))).statusCode());
        NotifyReceiver.await(() -> receiver.received(path).size() == 1, 5000, "the refund notification");
        assertEquals("REFUND.ABNORMAL", json.readTree(receiver.received(path).get(0).body()).path("event_type").asText());
        assertEquals(Status.ABNORMAL, parse(receiver.received(path).get(0)).getRefundStatus());
        assertEquals("ABNORMAL", merchant.get(REFUNDS + "/RF-" + no, true).jsonPath().getString("status"));

        given().contentType("application/json").body("{\"refundFail\":false,\"dropNotifications\":true}")
                .post("/sandbox/faults").then().statusCode(200);
        String other = paidTrade(100);
        String otherPath = "/refund-ack/" + other;
        assertEquals(200, merchant.post(REFUNDS, body(other, "RD-" + other, 100, 100, receiver.url(otherPath))).statusCode());
        NotifyReceiver.await(() -> "SUCCESS".equals(merchant.get(REFUNDS + "/RD-" + other, true).jsonPath().getString("status")),
                5000, "the refund to settle");
        receiver.assertNothingMore(otherPath, 0, Duration.ofSeconds(1)); // dropped: the merchant must query
    }

    @Test
    void theRefundCloseFaultEndsItClosedAndItsAmountIsRefundableAgain() throws Exception {
        String no = paidTrade(100);
        String path = "/refund-ack/" + no;
        given().contentType("application/json").body("{\"refundClose\":true}").post("/sandbox/faults").then().statusCode(200);
        assertEquals(200, merchant.post(REFUNDS, body(no, "RC-" + no, 100, 100, receiver.url(path))).statusCode());
        NotifyReceiver.await(() -> receiver.received(path).size() == 1, 5000, "the refund notification");
        given().delete("/sandbox/faults").then().statusCode(200);
        assertEquals("REFUND.CLOSED", json.readTree(receiver.received(path).get(0).body()).path("event_type").asText());
        assertEquals(Status.CLOSED, parse(receiver.received(path).get(0)).getRefundStatus());
        Response closed = merchant.get(REFUNDS + "/RC-" + no, true);
        assertEquals("CLOSED", closed.jsonPath().getString("status"));
        assertEquals(null, closed.jsonPath().getString("success_time"), "no money moved");
        // A closed refund holds nothing: the whole amount can be refunded under a new number.
        assertEquals(200, merchant.post(REFUNDS, body(no, "RC2-" + no, 100, 100, null)).statusCode());
    }

    private String paidTrade(long totalFen) {
        String no = Merchant.newOutTradeNo();
        Response prepay = merchant.post("/v3/pay/transactions/jsapi", merchant.jsapiBody(no, totalFen, "https://merchant.example/n"));
        assertEquals(200, prepay.statusCode(), prepay.asString());
        // The payment notification goes to an unreachable URL; irrelevant here.
        given().contentType("application/json").body("{\"outTradeNo\":\"" + no + "\",\"outcome\":\"SUCCESS\"}")
                .post("/sandbox/pay").then().statusCode(200);
        return no;
    }

    private static CreateRequest request(String outTradeNo, String outRefundNo, long refund, long total, String notifyUrl) {
        CreateRequest request = new CreateRequest();
        request.setOutTradeNo(outTradeNo);
        request.setOutRefundNo(outRefundNo);
        request.setReason("test refund");
        request.setNotifyUrl(notifyUrl);
        AmountReq amount = new AmountReq();
        amount.setRefund(refund);
        amount.setTotal(total);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return request;
    }

    private static String body(String outTradeNo, String outRefundNo, long refund, long total, String notifyUrl) {
        return "{\"out_trade_no\":\"" + outTradeNo + "\",\"out_refund_no\":\"" + outRefundNo + "\",\"reason\":\"r\","
                + (notifyUrl == null ? "" : "\"notify_url\":\"" + notifyUrl + "\",")
                + "\"amount\":{\"refund\":" + refund + ",\"total\":" + total + ",\"currency\":\"CNY\"}}";
    }

    private RefundNotification parse(Received n) {
        return merchant.parseWithSdk(n, RefundNotification.class);
    }

    private void assertRefused(Response response, int status, String code) {
        assertEquals(status, response.statusCode(), response.asString());
        assertEquals(code, response.jsonPath().getString("code"), response.asString());
        assertTrue(merchant.platformSigned(response), "errors are signed too");
    }
}
