package com.paygate.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.common.crypto.AesGcm;
import com.paygate.common.crypto.Pem;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.support.Merchant;
import com.paygate.sandbox.support.NotifyReceiver;
import com.paygate.sandbox.support.NotifyReceiver.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault knob changes what the merchant sees, and resetting restores the configured defaults. */
@QuarkusTest
class FaultsTest {

    private static final String JSAPI = "/v3/pay/transactions/jsapi";

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
        given().delete("/sandbox/faults").then().statusCode(200);
        receiver.close();
    }

    @Test
    void faultsChangePartiallyAndResetToDefaults() {
        faults("{\"apiDelayMs\":5,\"wrongAmount\":true}");
        Response current = given().get("/sandbox/faults");
        assertEquals(5, current.jsonPath().getInt("apiDelayMs"));
        assertTrue(current.jsonPath().getBoolean("wrongAmount"));
        assertEquals(0.0, current.jsonPath().getDouble("apiErrorRate"));
        assertEquals("public-key", current.jsonPath().getString("wechatMode"));

        given().contentType("application/json").body("{\"apiErrorRate\":1.5}").post("/sandbox/faults").then().statusCode(400);
        given().contentType("application/json").body("{\"wechatMode\":\"other\"}").post("/sandbox/faults").then().statusCode(400);

        Response reset = given().delete("/sandbox/faults");
        assertEquals(0, reset.jsonPath().getInt("apiDelayMs"));
        assertEquals(false, reset.jsonPath().getBoolean("wrongAmount"));
    }

    @Test
    void apiErrorRateAnswersSignedSystemErrorsWithoutSideEffects() {
        faults("{\"apiErrorRate\":1}");
        String no = Merchant.newOutTradeNo();
        Response failed = merchant.post(JSAPI, merchant.jsapiBody(no, 100, "https://m.example/n"));
        assertEquals(500, failed.statusCode());
        assertEquals("SYSTEM_ERROR", failed.jsonPath().getString("code"));
        assertTrue(merchant.platformSigned(failed));

        given().delete("/sandbox/faults");
        assertEquals(404, merchant.get(query(no), true).statusCode());
    }

    @Test
    void apiDelayMsDelaysAnswers() {
        faults("{\"apiDelayMs\":600}");
        long start = System.nanoTime();
        Response response = merchant.post(JSAPI, merchant.jsapiBody(Merchant.newOutTradeNo(), 100, "https://m.example/n"));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, response.statusCode());
        assertTrue(tookMs >= 600, "took " + tookMs + " ms");
    }

    @Test
    void duplicateNotificationsSendIdenticalCopies() {
        faults("{\"duplicateNotifications\":2}");
        String path = "/ack/" + payJsapi(300);
        NotifyReceiver.await(() -> receiver.received(path).size() == 3, 5000, "three copies");
        List<Received> copies = receiver.received(path);
        assertEquals(1, copies.stream().map(Received::body).distinct().count());
        assertEquals(1, copies.stream().map(r -> r.headers().get("Wechatpay-Signature")).distinct().count());
    }

    @Test
    void outOfOrderSendsAStaleEarlierStateAfterTheNewOne() throws Exception {
        faults("{\"outOfOrder\":true}");
        String path = "/ack/" + payJsapi(300);
        NotifyReceiver.await(() -> receiver.received(path).size() == 2, 5000, "the stale notification");
        JsonNode first = json.readTree(receiver.received(path).get(0).body());
        JsonNode stale = json.readTree(receiver.received(path).get(1).body());
        assertEquals("SUCCESS", decrypt(first).path("trade_state").asText());
        assertEquals("NOTPAY", decrypt(stale).path("trade_state").asText());
        assertTrue(OffsetDateTime.parse(stale.path("create_time").asText())
                .isBefore(OffsetDateTime.parse(first.path("create_time").asText()).plusSeconds(1)));
    }

    @Test
    void dropNotificationsLeavesOnlyPolling() throws Exception {
        faults("{\"dropNotifications\":true}");
        String no = payJsapi(300);
        receiver.assertNothingMore("/ack/" + no, 0, Duration.ofSeconds(1));
        assertEquals("SUCCESS", merchant.get(query(no), true).jsonPath().getString("trade_state"));
    }

    @Test
    void notificationDelayMsHoldsTheNotificationBackAndSignsItWhenSent() throws Exception {
        given().contentType("application/json").body("{\"notificationDelayMs\":-1}").post("/sandbox/faults").then().statusCode(400);
        faults("{\"notificationDelayMs\":1500}");
        String no = payJsapi(300);
        long paidAt = System.currentTimeMillis();
        receiver.assertNothingMore("/ack/" + no, 0, Duration.ofMillis(1000));
        assertEquals("SUCCESS", merchant.get(query(no), true).jsonPath().getString("trade_state"), "a query knows already");
        NotifyReceiver.await(() -> receiver.received("/ack/" + no).size() == 1, 5000, "the delayed notification");
        long signedAt = Long.parseLong(receiver.received("/ack/" + no).get(0).headers().get("Wechatpay-Timestamp"));
        // Wechatpay-Timestamp is whole seconds: signed 1.5 s after paying is at least the second after the one paid in
        // (paidAt is taken once paid, so a signature made when paying is never that late).
        assertTrue(signedAt >= paidAt / 1000 + 1, "signed when sent, not when paid");
    }

    @Test
    void aPaymentAfterCloseIsTakenOnlyWhenAskedFor() throws Exception {
        String no = Merchant.newOutTradeNo();
        assertEquals(200, merchant.post(JSAPI, merchant.jsapiBody(no, 500, receiver.url("/ack/" + no))).statusCode());
        assertEquals(204, merchant.post("/v3/pay/transactions/out-trade-no/" + no + "/close",
                "{\"mchid\":\"" + merchant.mchId() + "\"}").statusCode());
        given().contentType("application/json").body("{\"outTradeNo\":\"" + no + "\",\"outcome\":\"SUCCESS\"}")
                .post("/sandbox/pay").then().statusCode(409).body("code", equalTo("TRADE_FINAL"));
        given().contentType("application/json").body("{\"outTradeNo\":\"" + no + "\",\"outcome\":\"SUCCESS\",\"afterClose\":true}")
                .post("/sandbox/pay").then().statusCode(200);
        NotifyReceiver.await(() -> receiver.received("/ack/" + no).size() == 1, 5000, "the late payment's notification");
        assertEquals("SUCCESS", decrypt(json.readTree(receiver.received("/ack/" + no).get(0).body())).path("trade_state").asText());
        assertEquals("SUCCESS", merchant.get(query(no), true).jsonPath().getString("trade_state"));
        given().contentType("application/json").body("{\"outTradeNo\":\"" + no + "\",\"outcome\":\"SUCCESS\",\"afterClose\":true}")
                .post("/sandbox/pay").then().statusCode(409);
    }

    @Test
    void wrongAmountClaimsOneFenMore() throws Exception {
        faults("{\"wrongAmount\":true}");
        String path = "/ack/" + payJsapi(300);
        NotifyReceiver.await(() -> receiver.received(path).size() == 1, 5000, "the notification");
        assertEquals(301, decrypt(json.readTree(receiver.received(path).get(0).body())).path("amount").path("total").asLong());
    }

    @Test
    void queryAmountChangesWhatASignedQueryAnswerSaysThePaymentWas() throws Exception {
        String no = payJsapi(300);
        assertEquals(300, merchant.get(query(no), true).jsonPath().getLong("amount.total"), "exact by default");
        faults("{\"queryAmount\":\"one-fen-more\"}");
        Response more = merchant.get(query(no), true);
        assertTrue(merchant.platformSigned(more), "signed as any answer: only the amount is wrong");
        assertEquals(301, more.jsonPath().getLong("amount.total"));
        assertEquals("SUCCESS", more.jsonPath().getString("trade_state"));
        faults("{\"queryAmount\":\"absent\"}");
        Response none = merchant.get(query(no), true);
        assertEquals("SUCCESS", none.jsonPath().getString("trade_state"));
        assertNull(none.jsonPath().get("amount"), "no amount at all");
        given().contentType("application/json").body("{\"queryAmount\":\"some\"}").post("/sandbox/faults")
                .then().statusCode(400).body("code", equalTo("INVALID_FAULT"));
    }

    @Test
    void certificateModeNamesTheCertificateWhoseKeyVerifiesResponses() throws Exception {
        faults("{\"wechatMode\":\"certificate\"}");
        Response response = merchant.get("/v3/certificates", true);
        assertEquals(200, response.statusCode(), response.asString());
        String serial = identity.id("wechat.platform-serial-no");
        assertEquals(serial, response.header("Wechatpay-Serial"));

        JsonNode data = json.readTree(response.asString()).path("data").get(0);
        assertEquals(serial, data.path("serial_no").asText());
        JsonNode enc = data.path("encrypt_certificate");
        assertEquals("certificate", enc.path("associated_data").asText());
        String pem = new AesGcm(merchant.apiV3Key()).decrypt("certificate", enc.path("nonce").asText(), enc.path("ciphertext").asText());
        X509Certificate certificate = Pem.certificate(pem);
        assertEquals(new BigInteger(serial, 16), certificate.getSerialNumber());
        certificate.checkValidity();

        String message = WechatPaySignatures.responseMessage(response.header("Wechatpay-Timestamp"), response.header("Wechatpay-Nonce"),
                response.asString());
        assertTrue(RsaSha256.verify(certificate.getPublicKey(), message, response.header("Wechatpay-Signature")));

        given().delete("/sandbox/faults");
        assertEquals(merchant.publicKeyId(), merchant.get("/v3/certificates", true).header("Wechatpay-Serial"));
    }

    @Test
    void businessDayShiftMovesSuccessTimesButNotTimestamps() throws Exception {
        assertEquals(0, given().get("/sandbox/faults").jsonPath().getInt("businessDayShift"));
        for (String bad : List.of("{\"businessDayShift\":1}", "{\"businessDayShift\":-3651}")) {
            given().contentType("application/json").body(bad).post("/sandbox/faults").then().statusCode(400)
                    .body("code", equalTo("INVALID_FAULT"));
        }
        faults("{\"businessDayShift\":-30}");
        long before = Instant.now().getEpochSecond();
        String no = payJsapi(300);
        LocalDate shifted = LocalDate.now(ZoneOffset.ofHours(8)).minusDays(30);

        NotifyReceiver.await(() -> receiver.received("/ack/" + no).size() == 1, 5000, "the notification");
        Received n = receiver.received("/ack/" + no).get(0);
        JsonNode event = json.readTree(n.body());
        OffsetDateTime paid = OffsetDateTime.parse(decrypt(event).path("success_time").asText());
        assertEquals(shifted, paid.toLocalDate(), "the notification carries the shifted success time");
        assertTrue(Long.parseLong(n.headers().get("Wechatpay-Timestamp")) >= before, "signed in real time");
        assertTrue(OffsetDateTime.parse(event.path("create_time").asText()).toEpochSecond() >= before, "created in real time");
        assertEquals(shifted, OffsetDateTime.parse(merchant.get(query(no), true).jsonPath().getString("success_time")).toLocalDate());

        Response refund = merchant.post("/v3/refund/domestic/refunds", "{\"out_trade_no\":\"" + no + "\",\"out_refund_no\":\"S-" + no
                + "\",\"amount\":{\"refund\":100,\"total\":300,\"currency\":\"CNY\"}}");
        assertEquals(200, refund.statusCode(), refund.asString());
        given().delete("/sandbox/faults");
        // Reset before it settles: the refund was asked for on the shifted day and succeeds on it.
        NotifyReceiver.await(() -> "SUCCESS".equals(merchant.get("/v3/refund/domestic/refunds/S-" + no, true).jsonPath()
                .getString("status")), 5000, "the refund to settle");
        assertEquals(shifted, OffsetDateTime.parse(merchant.get("/v3/refund/domestic/refunds/S-" + no, true).jsonPath()
                .getString("success_time")).toLocalDate());

        String later = payJsapi(300);
        assertEquals(LocalDate.now(ZoneOffset.ofHours(8)), OffsetDateTime.parse(merchant.get(query(later), true).jsonPath()
                .getString("success_time")).toLocalDate(), "reset: today again");
    }

    private String payJsapi(long totalFen) {
        String no = Merchant.newOutTradeNo();
        assertEquals(200, merchant.post(JSAPI, merchant.jsapiBody(no, totalFen, receiver.url("/ack/" + no))).statusCode());
        given().contentType("application/json").body("{\"outTradeNo\":\"" + no + "\",\"outcome\":\"SUCCESS\"}")
                .post("/sandbox/pay").then().statusCode(200);
        return no;
    }

    private JsonNode decrypt(JsonNode event) throws Exception {
        JsonNode r = event.path("resource");
        return json.readTree(new AesGcm(merchant.apiV3Key()).decrypt(r.path("associated_data").asText(), r.path("nonce").asText(),
                r.path("ciphertext").asText()));
    }

    private String query(String no) {
        return "/v3/pay/transactions/out-trade-no/" + no + "?mchid=" + merchant.mchId();
    }

    private void faults(String body) {
        given().contentType("application/json").body(body).post("/sandbox/faults").then().statusCode(200);
    }
}
