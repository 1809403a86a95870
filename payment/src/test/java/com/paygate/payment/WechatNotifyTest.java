package com.paygate.payment;

import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.domain.PaymentTransition;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.support.Api;
import com.paygate.payment.support.Db;
import com.paygate.payment.support.Notifications;
import com.paygate.payment.support.OrderServiceDouble;
import com.paygate.payment.support.Sandbox;
import com.paygate.testing.DevTokens;
import com.paygate.testing.SandboxResource;
import com.paygate.testing.TopicTail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** POST /notify/wechat/pay: genuine notifications apply once; every kind of forgery changes nothing. */
@QuarkusTest
@QuarkusTestResource(OrderServiceDouble.class)
@QuarkusTestResource(SandboxResource.class)
class WechatNotifyTest {

    /** Topics from where they stood when this test began. */
    private final TopicTail paymentEvents = TopicTail.startingNow("payment-events");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aGenuineNotificationDeliveredFiveTimesConcurrentlyPaysOnceAndEmitsOneEvent() throws Exception {
        String[] p = Api.nativePayment(2500);
        Notifications n = new Notifications(p[2], 2500);
        n.payerTotalFen = 2000; // a coupon paid 5 yuan: still the full amount
        Notifications.Signed signed = n.sign();

        ExecutorService pool = Executors.newFixedThreadPool(5);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Response>> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return signed.post();
            }, pool));
        }
        start.countDown();
        for (CompletableFuture<Response> reply : replies) {
            reply.get().then().statusCode(204).body(emptyString());
        }
        pool.shutdown();

        Payment paid = Db.payment(p[2]);
        assertEquals(PaymentState.SUCCESS, paid.state);
        assertEquals(n.transactionId, paid.transactionId);
        assertEquals(Instant.parse("2026-11-24T02:34:56Z"), paid.paidAt);
        List<PaymentTransition> log = Db.transitions(p[2]);
        assertEquals(1, log.size());
        assertEquals(PaymentState.NOTPAY, log.get(0).from);
        assertEquals(PaymentState.SUCCESS, log.get(0).to);
        assertEquals(TransitionSource.NOTIFY, log.get(0).source);

        // Exactly one PAYMENT_SUCCEEDED on the real topic, keyed by the order number.
        List<ConsumerRecord<String, String>> records = paymentEvents.settled(p[1], found -> found.size() >= 1,
                Duration.ofSeconds(20));
        assertEquals(1, records.size());
        JsonNode event = JSON.readTree(records.get(0).value());
        assertEquals("PAYMENT_SUCCEEDED", event.path("type").asText());
        assertEquals(p[2], event.path("paySn").asText());
        assertEquals(p[1], event.path("orderSn").asText());
        assertEquals(p[0], event.path("userId").asText());
        assertEquals(2500, event.path("amountFen").asLong());
        assertEquals("WECHAT_NATIVE", event.path("channel").asText());
        assertEquals(n.transactionId, event.path("transactionId").asText());
        assertTrue(event.hasNonNull("eventId") && event.hasNonNull("occurredAt") && event.hasNonNull("paidAt"));

        // The front end sees it.
        Api.getPayment(DevTokens.user(p[0]), p[2]).then().statusCode(200).body("state", equalTo("SUCCESS"))
                .body("transactionId", equalTo(n.transactionId));
    }

    @Test
    void aPaymentPaidAtTheSandboxIsNotifiedByItAndAppliedOnce() {
        String[] p = Api.nativePayment(4321);
        try {
            Sandbox.faults(java.util.Map.of("duplicateNotifications", 2));
            Sandbox.pay(p[2]);
        } finally {
            Sandbox.resetFaults();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Db.payment(p[2]).state == PaymentState.SUCCESS
                && Sandbox.deliveries(p[2]).size() >= 3);
        for (var delivery : Sandbox.deliveries(p[2])) {
            assertEquals(204, delivery.get("status"), delivery.toString());
        }
        assertEquals(Sandbox.trade(p[2]).getString("transactionId"), Db.payment(p[2]).transactionId);
        assertEquals(1, Db.transitions(p[2]).size());
        assertEquals(1, Db.outbox(p[1]).size());
    }

    @Test
    void forgedSignature() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rejected(n -> n.signingKey = generator.generateKeyPair().getPrivate(), 401);
    }

    @Test
    void staleTimestamp() {
        rejected(n -> n.timestamp = Instant.now().minusSeconds(6 * 60).getEpochSecond(), 400);
        rejected(n -> n.timestamp = Instant.now().plusSeconds(6 * 60).getEpochSecond(), 400);
    }

    @Test
    void unknownSerial() {
        rejected(n -> n.serial = "PUB_KEY_ID_0000000000000000000000000000000000", 401);
    }

    @Test
    void ciphertextUnderAnotherKey() {
        rejected(n -> n.apiV3Key = "0123456789abcdef0123456789abcdef", 400);
    }

    @Test
    void wrongMerchantOrApp() {
        rejected(n -> n.mchId = "1230000109", 400);
        rejected(n -> n.appId = "wx0000000000000000", 400);
    }

    @Test
    void aStaleNotPayDeliveredAfterSuccessChangesNothing() {
        String[] p = Api.nativePayment(1600);
        try {
            // WeChat delivers SUCCESS, then an older NOTPAY statement of the same trade (out of order).
            Sandbox.faults(Map.of("outOfOrder", true));
            Sandbox.pay(p[2]);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Sandbox.deliveries(p[2]).stream()
                    .anyMatch(d -> "stale".equals(d.get("kind"))));
        } finally {
            Sandbox.resetFaults();
        }
        for (Map<String, Object> delivery : Sandbox.deliveries(p[2])) {
            assertTrue(((Number) delivery.get("status")).intValue() < 500, "answered without a server error: " + delivery);
        }
        assertEquals(PaymentState.SUCCESS, Db.payment(p[2]).state);
        assertEquals(List.of(PaymentState.SUCCESS), Db.transitions(p[2]).stream().map(t -> t.to).toList());
        assertEquals(1, paymentEvents.settled(p[1], found -> !found.isEmpty(), Duration.ofSeconds(20)).size(),
                "one PAYMENT_SUCCEEDED, nothing after it");
    }

    @Test
    void wrongAmountIsAnAlertNeverPaid() {
        String[] p = Api.nativePayment(1500);
        Notifications n = new Notifications(p[2], 1500);
        n.totalFen = 1;
        Notifications.Signed wrong = n.sign();
        // WeChat re-sends a notification we refused up to 15 times: one alert for the payment, counting deliveries.
        for (int delivery = 0; delivery < 3; delivery++) {
            expectFail(wrong.post(), 400);
        }
        unchanged(p[2]);
        assertEquals(1, Db.alerts(p[2]).size());
        assertEquals("AMOUNT_MISMATCH", Db.alerts(p[2]).get(0).kind);
        assertEquals(3, Db.alerts(p[2]).get(0).occurrences);
    }

    @Test
    void tamperedCiphertextAndMalformedBodies() {
        String[] p = Api.nativePayment(900);
        Notifications n = new Notifications(p[2], 900);
        // ciphertext changed, then re-signed (as if the signer were fooled): GCM's tag still catches it
        String body = n.body();
        JsonNode node = readTree(body);
        String ciphertext = node.path("resource").path("ciphertext").asText();
        String flipped = (ciphertext.charAt(5) == 'A' ? "B" : "A");
        String tampered = body.replace(ciphertext, ciphertext.substring(0, 5) + flipped + ciphertext.substring(6));
        expectFail(n.sign(tampered).post(), 400);
        // ciphertext changed after signing: the signature catches it
        expectFail(n.sign(body).withBody(tampered).post(), 401);
        // malformed JSON, correctly signed
        expectFail(n.sign("{\"id\":").post(), 400);
        // no headers at all
        expectFail(io.restassured.RestAssured.given().body(body).post("/notify/wechat/pay"), 400);
        // an out_trade_no we never issued
        expectFail(new Notifications("P" + System.nanoTime(), 900).sign().post(), 404);
        unchanged(p[2]);
    }

    private String rejected(Consumer<Notifications> breakIt, int status) {
        String[] p = Api.nativePayment(1500);
        Notifications n = new Notifications(p[2], 1500);
        breakIt.accept(n);
        expectFail(n.sign().post(), status);
        unchanged(p[2]);
        return p[2];
    }

    private static void expectFail(Response response, int status) {
        response.then().statusCode(status).body("code", equalTo("FAIL"));
    }

    private static void unchanged(String paySn) {
        Payment p = Db.payment(paySn);
        assertEquals(PaymentState.NOTPAY, p.state);
        assertNull(p.transactionId);
        assertEquals(0, Db.transitions(paySn).size());
        assertEquals(0, Db.outbox(p.orderSn).size());
    }

    private static JsonNode readTree(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
