package com.paygate.sandbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.common.crypto.AesGcm;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.support.Merchant;
import com.paygate.sandbox.support.NotifyReceiver;
import com.paygate.sandbox.support.NotifyReceiver.Received;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The payer and WeChat Pay's payment notifications: format, encryption, signatures, retries. */
@QuarkusTest
class WechatNotificationTest {

    /** Longer than the next retries of any delivery still running (see NotifyReceiver.assertNothingMore). */
    private static final Duration SILENCE = Duration.ofSeconds(1);

    @Inject
    SandboxIdentity identity;
    @Inject
    Vertx vertx;
    @Inject
    ObjectMapper json;

    Merchant merchant;
    NotifyReceiver receiver;

    @BeforeEach
    void setUp() throws Exception {
        merchant = new Merchant(identity.stateDir());
        receiver = new NotifyReceiver(vertx);
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void paidTradeIsNotifiedSignedAndEncryptedAsTheOfficialSdkExpects() throws Exception {
        String no = Merchant.newOutTradeNo();
        String path = "/ack/" + no;
        assertEquals(200, merchant.post("/v3/pay/transactions/jsapi", merchant.jsapiBody(no, 2500, receiver.url(path))).statusCode());

        Response paid = pay(no, "SUCCESS");
        assertEquals(200, paid.statusCode(), paid.asString());
        assertEquals("SUCCESS", paid.jsonPath().getString("state"));

        NotifyReceiver.await(() -> receiver.received(path).size() == 1, 5000, "the notification");
        Received n = receiver.received(path).get(0);
        assertTrue(verifies(n), "signature over timestamp, nonce, body with the platform key");
        assertEquals(merchant.publicKeyId(), n.headers().get("Wechatpay-Serial"));
        assertEquals("WECHATPAY2-SHA256-RSA2048", n.headers().get("Wechatpay-Signature-Type"));

        JsonNode event = json.readTree(n.body());
        assertEquals("TRANSACTION.SUCCESS", event.path("event_type").asText());
        assertEquals("encrypt-resource", event.path("resource_type").asText());
        JsonNode resource = event.path("resource");
        JsonNode tx = json.readTree(new AesGcm(merchant.apiV3Key()).decrypt(resource.path("associated_data").asText(),
                resource.path("nonce").asText(), resource.path("ciphertext").asText()));
        assertEquals(no, tx.path("out_trade_no").asText());
        assertEquals(2500, tx.path("amount").path("total").asLong());
        assertEquals(2500, tx.path("amount").path("payer_total").asLong());

        // The official SDK as an oracle: verifies and decrypts it into its own Transaction model.
        Transaction sdk = merchant.parseWithSdk(n, Transaction.class);
        assertEquals(Transaction.TradeStateEnum.SUCCESS, sdk.getTradeState());
        assertEquals(no, sdk.getOutTradeNo());
        assertEquals(paid.jsonPath().getString("transactionId"), sdk.getTransactionId());
        assertEquals(2500, sdk.getAmount().getTotal());
        assertNotNull(sdk.getSuccessTime());

        NotifyReceiver.await(() -> deliveries(no).size() == 1, 2000, "the delivery log");
        assertEquals(200, deliveries(no).get(0).path("status").asInt());
        assertEquals("success", deliveries(no).get(0).path("responseBody").asText());

        Response query = merchant.get("/v3/pay/transactions/out-trade-no/" + no + "?mchid=" + merchant.mchId(), true);
        assertEquals("SUCCESS", query.jsonPath().getString("trade_state"));
        assertEquals(sdk.getTransactionId(), query.jsonPath().getString("transaction_id"));

        assertEquals(409, pay(no, "SUCCESS").statusCode(), "a paid trade cannot be paid again");
        Response close = merchant.post("/v3/pay/transactions/out-trade-no/" + no + "/close", "{\"mchid\":\"" + merchant.mchId() + "\"}");
        assertEquals(400, close.statusCode());
        assertEquals("ORDERPAID", close.jsonPath().getString("code"));
    }

    @Test
    void unansweredNotificationsAreResentUntilAcknowledgedEachFreshlySigned() throws Exception {
        String no = Merchant.newOutTradeNo();
        String path = "/flaky/2/" + no;
        merchant.post("/v3/pay/transactions/jsapi", merchant.jsapiBody(no, 100, receiver.url(path)));
        pay(no, "SUCCESS");

        NotifyReceiver.await(() -> deliveries(no).size() == 3, 5000, "three attempts");
        List<JsonNode> log = deliveries(no);
        assertEquals(List.of(500, 500, 200), log.stream().map(a -> a.path("status").asInt()).toList());
        assertEquals(List.of(1, 2, 3), log.stream().map(a -> a.path("attempt").asInt()).toList());
        receiver.assertNothingMore(path, 3, SILENCE); // no attempt after the acknowledgement
        List<Received> sent = receiver.received(path);
        assertTrue(sent.stream().allMatch(this::verifies));
        assertEquals(1, sent.stream().map(Received::body).distinct().count(), "retries repeat the same notification");
    }

    @Test
    void failedPaymentIsPayErrorAndNotNotified() throws Exception {
        String no = Merchant.newOutTradeNo();
        String path = "/ack/" + no;
        merchant.post("/v3/pay/transactions/jsapi", merchant.jsapiBody(no, 100, receiver.url(path)));

        assertEquals("PAYERROR", pay(no, "FAIL").jsonPath().getString("state"));
        Response query = merchant.get("/v3/pay/transactions/out-trade-no/" + no + "?mchid=" + merchant.mchId(), true);
        assertEquals("PAYERROR", query.jsonPath().getString("trade_state"));
        receiver.assertNothingMore(path, 0, SILENCE);

        assertEquals(404, pay("NO_SUCH_TRADE_1", "SUCCESS").statusCode());
        assertEquals(400, pay(no, "MAYBE").statusCode());
    }

    private Response pay(String outTradeNo, String outcome) {
        return given().contentType("application/json")
                .body("{\"outTradeNo\":\"" + outTradeNo + "\",\"outcome\":\"" + outcome + "\"}").post("/sandbox/pay");
    }

    private List<JsonNode> deliveries(String outTradeNo) {
        try {
            JsonNode array = json.readTree(given().queryParam("outTradeNo", outTradeNo).get("/sandbox/notifications").asString());
            return java.util.stream.StreamSupport.stream(array.spliterator(), false).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private boolean verifies(Received n) {
        String message = WechatPaySignatures.responseMessage(n.headers().get("Wechatpay-Timestamp"), n.headers().get("Wechatpay-Nonce"),
                n.body());
        return RsaSha256.verify(merchant.platformPublicKey(), message, n.headers().get("Wechatpay-Signature"));
    }
}
