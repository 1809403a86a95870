package com.paygate.payment.refund;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.eventing.outbox.OutboxEvent;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.domain.Refund;
import com.paygate.payment.domain.RefundState;
import com.paygate.payment.domain.RefundTransition;
import com.paygate.payment.support.Api;
import com.paygate.payment.support.Db;
import com.paygate.payment.support.OrderServiceDouble;
import com.paygate.payment.support.Sandbox;
import com.paygate.payment.support.WechatSandbox;
import com.paygate.testing.DevTokens;
import com.paygate.testing.TopicTail;
import com.paygate.testing.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Refunds end to end against the real sandbox as WeChat Pay (signed requests and answers, encrypted refund
 * notifications), the real MariaDB and Kafka: the order service's full refund, operators' partial refunds,
 * concurrent over-refunding, duplicate and forged refund notifications.
 */
@QuarkusTest
class WechatRefundTest {

    /** Topics from where they stood when this test began. */
    private final TopicTail paymentEvents = TopicTail.startingNow("payment-events");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRefundRequestArrivingWhileTheRefundTableIsUnreachableRefundsOnceItIsBack() throws Exception {
        String[] p = paidPayment(1310);
        String orderSn = p[1], paySn = p[2];
        String request = refundRequested(UUID.randomUUID().toString(), p, 1310, "LATE_PAYMENT: paid after the order was CANCELLED");
        // Every attempt fails in the database, far past the old behaviour (log it, acknowledge it, forget it).
        Db.sql("RENAME TABLE refund TO refund_unreachable");
        try {
            Topics.send("order-events", orderSn, request);
            Thread.sleep(6000);
        } finally {
            Db.sql("RENAME TABLE refund_unreachable TO refund");
        }
        List<ConsumerRecord<String, String>> events = paymentEvents.settled(orderSn, found -> refundEvents(found).size() >= 1,
                Duration.ofSeconds(40));
        assertEquals(1, refundEvents(events).size(), "one REFUND_SUCCEEDED");
        assertEquals(1, refunds(paySn).size());
        assertEquals(1310, Db.payment(paySn).refundedFen);
    }

    @Test
    void theOrderServicesRefundRequestRefundsThePaymentInFullWithExactlyOneEvent() throws Exception {
        String[] p = paidPayment(1290);
        String user = p[0], orderSn = p[1], paySn = p[2];
        String eventId = UUID.randomUUID().toString();
        String request = refundRequested(eventId, p, 1290, "USER_REQUEST: changed my mind");
        Topics.send("order-events", orderSn, request);
        Topics.send("order-events", orderSn, request); // redelivery: the inbox makes it a no-op
        // Another request for the same payment: nothing is left to refund, so nothing happens.
        Topics.send("order-events", orderSn, request.replace(eventId, UUID.randomUUID().toString()));

        List<ConsumerRecord<String, String>> events = paymentEvents.settled(orderSn, found -> refundEvents(found).size() >= 1,
                Duration.ofSeconds(40));
        assertEquals(1, refundEvents(events).size(), "one REFUND_SUCCEEDED");
        JsonNode event = JSON.readTree(refundEvents(events).get(0).value());
        assertEquals(paySn, event.path("paySn").asText());
        assertEquals(user, event.path("userId").asText());
        assertEquals(1290, event.path("amountFen").asLong());
        assertEquals(1290, event.path("refundedTotalFen").asLong());
        assertEquals(1290, event.path("refundAmountFen").asLong());
        assertTrue(event.path("refundSn").asText().startsWith("R"));
        assertTrue(!event.path("eventId").asText().isEmpty() && !event.path("occurredAt").asText().isEmpty());

        Payment payment = Db.payment(paySn);
        assertEquals(PaymentState.REFUND, payment.state);
        assertEquals(1290, payment.refundedFen);
        List<Refund> refunds = refunds(paySn);
        assertEquals(1, refunds.size());
        assertEquals(RefundState.SUCCESS, refunds.get(0).state);
        assertEquals("ORDER_EVENT", refunds.get(0).requestedBy);
        assertEquals("USER_REQUEST: changed my mind", refunds.get(0).reason);
        // WeChat holds exactly one refund of the whole amount under our refund number.
        assertEquals(List.of(event.path("refundSn").asText()), WechatSandbox.refunds(paySn).getList("outRefundNo"));
        Api.getPayment(DevTokens.user(user), paySn).then().statusCode(200)
                .body("state", equalTo("REFUND")).body("refundedFen", equalTo(1290));

        // Still one event a while later (no second effect from the redelivery or the repeated request).
        Thread.sleep(2000);
        assertEquals(1, refundEvents(paymentEvents.settled(orderSn)).size());
        assertEquals(1, Db.outbox(orderSn).stream().filter(e -> e.type.equals("REFUND_SUCCEEDED")).count());
    }

    @Test
    void anOperatorRefundsPartOfAPaymentThenTheRestButNeverMore() throws Exception {
        String[] p = paidPayment(1000);
        String orderSn = p[1], paySn = p[2];
        adminRefund(paySn, 300, "goodwill: late delivery").then().statusCode(201)
                .body("state", equalTo("PROCESSING")).body("amountFen", equalTo(300)).body("paySn", equalTo(paySn));
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.payment(paySn).refundedFen == 300);
        Payment partly = Db.payment(paySn);
        assertEquals(PaymentState.REFUND, partly.state, "a partial refund leaves the payment in REFUND");
        JsonNode first = JSON.readTree(refundEvents(paymentEvents.settled(orderSn, found -> refundEvents(found).size() >= 1,
                Duration.ofSeconds(20))).get(0).value());
        assertEquals(1000, first.path("amountFen").asLong());
        assertEquals(300, first.path("refundedTotalFen").asLong());
        assertEquals(300, first.path("refundAmountFen").asLong());

        adminRefund(paySn, 701, "too much").then().statusCode(422).body("code", equalTo("REFUND_EXCEEDS_PAID"));
        adminRefund(paySn, 700, "the rest").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.payment(paySn).refundedFen == 1000);
        adminRefund(paySn, 1, "one more fen").then().statusCode(422).body("code", equalTo("REFUND_EXCEEDS_PAID"));

        List<ConsumerRecord<String, String>> events = paymentEvents.settled(orderSn, found -> refundEvents(found).size() >= 2,
                Duration.ofSeconds(20));
        JsonNode second = JSON.readTree(refundEvents(events).get(1).value());
        assertEquals(1000, second.path("refundedTotalFen").asLong());
        assertEquals(700, second.path("refundAmountFen").asLong());
        assertTrue(refunds(paySn).stream().allMatch(r -> r.state == RefundState.SUCCESS && r.requestedBy.equals("ADMIN:ops-1")));
        given().header("Authorization", DevTokens.bearer(DevTokens.admin("ops-1")))
                .get("/api/admin/payments/" + paySn + "/refunds").then().statusCode(200).body("size()", equalTo(2));
    }

    @Test
    void theAdminApiRefusesWhatItMust() {
        String user = Api.unique("u");
        String orderSn = Api.unique("O");
        OrderServiceDouble.seedOrder(orderSn, user, 500, "WAIT_PAY");
        String unpaid = Api.createPayment(DevTokens.user(user), orderSn, "WECHAT_NATIVE").then().statusCode(201)
                .extract().path("paySn");
        adminRefund(unpaid, 100, "not paid yet").then().statusCode(409).body("code", equalTo("PAYMENT_NOT_PAID"));
        adminRefund("P000000UNKNOWN", 100, "who").then().statusCode(404);
        // listing the refunds of an unknown payment is a 404 like refunding it (it used to be 200 [])
        given().header("Authorization", DevTokens.bearer(DevTokens.admin("ops-1")))
                .get("/api/admin/payments/P000000UNKNOWN/refunds").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("PAYMENT_NOT_FOUND"));
        given().header("Authorization", DevTokens.bearer(DevTokens.admin("ops-1")))
                .get("/api/admin/payments/" + unpaid + "/refunds").then().statusCode(200).body("size()", equalTo(0));
        adminRefund(unpaid, 0, "zero").then().statusCode(400);
        adminRefund(unpaid, 100, " ").then().statusCode(400);
        // money is whole fen: a fraction is refused, never truncated (100.5 used to be bound as 100 and reach the 409)
        adminRefundBody(unpaid, "{\"amountFen\":100.5,\"reason\":\"half a fen\"}").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("MALFORMED_BODY"))
                .body("errors.field", org.hamcrest.Matchers.hasItem("amountFen"));
        // out of range for a long: a problem naming the field, not a bare "Bad Request"
        adminRefundBody(unpaid, "{\"amountFen\":99999999999999999999,\"reason\":\"huge\"}").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("MALFORMED_BODY"))
                .body("errors.field", org.hamcrest.Matchers.hasItem("amountFen"));
        // A user (even the payer) is not an operator; no token is no access at all.
        given().header("Authorization", DevTokens.bearer(DevTokens.user(user))).contentType("application/json")
                .body("{\"amountFen\":100,\"reason\":\"please\"}").post("/api/admin/payments/" + unpaid + "/refunds")
                .then().statusCode(403);
        given().contentType("application/json").body("{\"amountFen\":100,\"reason\":\"please\"}")
                .post("/api/admin/payments/" + unpaid + "/refunds").then().statusCode(401);
        assertTrue(refunds(unpaid).isEmpty());
    }

    @Test
    void concurrentRefundsThatTogetherExceedThePaidAmountOnlyCreateWhatFits() throws Exception {
        String[] p = paidPayment(1000);
        String paySn = p[2];
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Callable<Integer> call = () -> adminRefund(paySn, 300, "concurrent").statusCode();
                answers.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(3, statuses.stream().filter(s -> s == 201 || s == 202).count(), statuses.toString());
            assertEquals(5, statuses.stream().filter(s -> s == 422).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3, refunds(paySn).size());
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.payment(paySn).refundedFen == 900);
        assertTrue(refunds(paySn).stream().allMatch(r -> r.state == RefundState.SUCCESS));
        assertEquals(3, WechatSandbox.refunds(paySn).getList("outRefundNo").size());
    }

    @Test
    void anOperatorsRefundRacingTheOrderServicesRequestRefundsThePaymentOnceInAll() throws Exception {
        String[] p = paidPayment(1500);
        String orderSn = p[1], paySn = p[2];
        String request = refundRequested(UUID.randomUUID().toString(), p, 1500, "USER_REQUEST: race");
        // The order service asks for the whole payment while an operator refunds 1000 of it by hand.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int operator;
        try {
            Future<Integer> admin = pool.submit(() -> adminRefund(paySn, 1000, "operator at the same moment").statusCode());
            Topics.send("order-events", orderSn, request);
            operator = admin.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(List.of(201, 202, 422).contains(operator), "created, pending, or refused as exceeding: " + operator);
        // Whoever came first, the rest of the payment is refunded by the other: 1500 in all, never more.
        await().atMost(Duration.ofSeconds(40)).until(() -> Db.payment(paySn).refundedFen == 1500
                && refunds(paySn).stream().allMatch(r -> r.state == RefundState.SUCCESS || r.state == RefundState.CLOSED));
        List<Refund> succeeded = refunds(paySn).stream().filter(r -> r.state == RefundState.SUCCESS).toList();
        assertEquals(1500, succeeded.stream().mapToLong(r -> r.amountFen).sum());
        assertEquals(succeeded.stream().map(r -> r.refundSn).sorted().toList(),
                WechatSandbox.refunds(paySn).getList("outRefundNo").stream().map(String::valueOf).sorted().toList(),
                "exactly the refunds WeChat made");
        List<ConsumerRecord<String, String>> events = refundEvents(paymentEvents.settled(orderSn,
                found -> refundEvents(found).size() >= succeeded.size(), Duration.ofSeconds(30)));
        assertEquals(succeeded.size(), events.size(), "one REFUND_SUCCEEDED per refund");
        Thread.sleep(1000);
        assertEquals(1500, Db.payment(paySn).refundedFen);
    }

    @Test
    void concurrentFirstRefundNotificationsRacingTheRefundJobSettleItOnce() throws Exception {
        String[] p = paidPayment(1000);
        String orderSn = p[1], paySn = p[2];
        String refundSn;
        Sandbox.faults(java.util.Map.of("dropNotifications", true)); // only our deliveries below, and the job
        try {
            refundSn = adminRefund(paySn, 600, "race").then().statusCode(201).extract().path("refundSn");
        } finally {
            Sandbox.resetFaults();
        }
        // WeChat settled it; its REFUND.SUCCESS arrives three times at once, just as the refund job (due after 3 s,
        // every 2 s in tests) comes to query it.
        Thread.sleep(2_500);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> deliveries = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                deliveries.add(pool.submit(() -> WechatSandbox.postRefundNotification(paySn, refundSn, 600, 1000, "SUCCESS", null)
                        .statusCode()));
                Thread.sleep(250);
            }
            for (Future<Integer> delivery : deliveries) {
                assertEquals(204, delivery.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> refund(refundSn).state == RefundState.SUCCESS);
        assertEquals(List.of(RefundState.SUCCESS), transitions(refundSn).stream().map(t -> t.to).toList(), "settled once");
        assertEquals(600, Db.payment(paySn).refundedFen);
        assertEquals(1, refundEvents(paymentEvents.settled(orderSn, found -> !refundEvents(found).isEmpty(),
                Duration.ofSeconds(20))).size(), "one REFUND_SUCCEEDED");
    }

    @Test
    void aDuplicateRefundNotificationHasNoSecondEffect() {
        String[] p = paidPayment(800);
        String orderSn = p[1], paySn = p[2];
        String refundSn = adminRefund(paySn, 200, "duplicate test").then().statusCode(201).extract().path("refundSn");
        await().atMost(Duration.ofSeconds(20)).until(() -> refund(refundSn).state == RefundState.SUCCESS);
        // WeChat delivers again (its ack got lost): accepted, nothing changes.
        for (int i = 0; i < 3; i++) {
            WechatSandbox.postRefundNotification(paySn, refundSn, 200, 800, "SUCCESS", null).then().statusCode(204);
        }
        assertEquals(200, Db.payment(paySn).refundedFen);
        assertEquals(1, transitions(refundSn).size());
        assertEquals(1, Db.outbox(orderSn).stream().filter(e -> e.type.equals("REFUND_SUCCEEDED")).count());
        // A late ABNORMAL for a refund that succeeded is illegal: acknowledged, alerted, not applied.
        WechatSandbox.postRefundNotification(paySn, refundSn, 200, 800, "ABNORMAL", null).then().statusCode(204);
        assertEquals(RefundState.SUCCESS, refund(refundSn).state);
    }

    @Test
    void forgedOrMismatchedRefundNotificationsAreRejectedAndChangeNothing() throws Exception {
        String[] p = paidPayment(600);
        String paySn = p[2];
        // A refund WeChat has not settled yet (kept away from the refund job by its fresh timestamp).
        String refundSn = "R" + Api.unique("T");
        Db.tx(() -> {
            Refund r = new Refund();
            r.refundSn = refundSn;
            r.paySn = paySn;
            r.orderSn = p[1];
            r.userId = p[0];
            r.provider = "wechat";
            r.amountFen = 600;
            r.state = RefundState.PROCESSING;
            r.requestedBy = "ADMIN:test";
            r.createdAt = Instant.now();
            r.updatedAt = Instant.now().plusSeconds(3600);
            return r.persist();
        });
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Response forged = WechatSandbox.postRefundNotification(paySn, refundSn, 600, 600, "SUCCESS",
                generator.generateKeyPair().getPrivate());
        forged.then().statusCode(401).body("code", equalTo("FAIL"));
        // Genuine signature, but not what we asked for: another amount, an unknown refund number.
        WechatSandbox.postRefundNotification(paySn, refundSn, 599, 600, "SUCCESS", null).then().statusCode(400)
                .body("code", equalTo("FAIL"));
        WechatSandbox.postRefundNotification(paySn, "R" + Api.unique("X"), 600, 600, "SUCCESS", null).then().statusCode(404)
                .body("code", equalTo("FAIL"));
        assertEquals(RefundState.PROCESSING, refund(refundSn).state);
        assertTrue(transitions(refundSn).isEmpty());
        assertEquals(0, Db.payment(paySn).refundedFen);
        assertEquals(PaymentState.SUCCESS, Db.payment(paySn).state);
        assertTrue(Db.alerts(paySn).stream().anyMatch(a -> a.kind.equals("REFUND_MISMATCH")));
        assertTrue(Db.outbox(p[1]).stream().noneMatch(e -> e.type.equals("REFUND_SUCCEEDED")));
    }

    @Test
    void aRefundWhoseNotificationIsLostIsSettledByTheRefundJob() {
        String[] p = paidPayment(900);
        String paySn = p[2];
        Sandbox.faults(java.util.Map.of("dropNotifications", true));
        try {
            String refundSn = adminRefund(paySn, 400, "lost notification").then().statusCode(201).extract().path("refundSn");
            await().atMost(Duration.ofSeconds(30)).until(() -> refund(refundSn).state == RefundState.SUCCESS);
            List<RefundTransition> log = transitions(refundSn);
            assertEquals(1, log.size());
            assertEquals(com.paygate.payment.domain.TransitionSource.QUERY, log.get(0).source);
            assertEquals(400, Db.payment(paySn).refundedFen);
            assertEquals(1, Db.outbox(p[1]).stream().filter(e -> e.type.equals("REFUND_SUCCEEDED")).count());
        } finally {
            Sandbox.resetFaults();
        }
    }

    @Test
    void aRefundWhoseRequestFailedIsSentAgainByTheRefundJobUnderTheSameNumber() {
        String[] p = paidPayment(650);
        String paySn = p[2];
        Sandbox.faults(java.util.Map.of("apiErrorRate", 1.0)); // every WeChat API call answers 500 SYSTEM_ERROR
        String refundSn;
        try {
            refundSn = adminRefund(paySn, 650, "provider down").then().statusCode(202)
                    .body("state", equalTo("PROCESSING")).extract().path("refundSn");
        } finally {
            Sandbox.resetFaults();
        }
        assertTrue(WechatSandbox.refunds(paySn).getList("outRefundNo").isEmpty(), "WeChat never got it");
        // Still counted: nothing more can be refunded while its outcome is unknown.
        adminRefund(paySn, 1, "meanwhile").then().statusCode(422);
        await().atMost(Duration.ofSeconds(30)).until(() -> refund(refundSn).state == RefundState.SUCCESS);
        assertEquals(List.of(refundSn), WechatSandbox.refunds(paySn).getList("outRefundNo"));
        assertEquals(650, Db.payment(paySn).refundedFen);
        assertEquals(1, Db.outbox(p[1]).stream().filter(e -> e.type.equals("REFUND_SUCCEEDED")).count());
    }

    @Test
    void aRefundWechatAcceptedButAnsweredWithABadSignatureStaysUnknownUntilAVerifiedStatementSettlesIt() {
        String[] p = paidPayment(720);
        String orderSn = p[1], paySn = p[2];
        // WeChat refunds, but its answer's Wechatpay-Signature does not verify, and no notification comes.
        Sandbox.faults(java.util.Map.of("badAnswerSignature", true, "dropNotifications", true));
        String refundSn;
        try {
            refundSn = adminRefund(paySn, 720, "answer unverifiable").then().statusCode(202)
                    .body("state", equalTo("PROCESSING")).extract().path("refundSn");
            assertEquals(List.of(refundSn), WechatSandbox.refunds(paySn).getList("outRefundNo"), "WeChat did refund");
            // Unknown is not refused: the refund stays PROCESSING, its amount held, the order not given back.
            assertEquals(RefundState.PROCESSING, refund(refundSn).state);
            adminRefund(paySn, 1, "meanwhile").then().statusCode(422).body("code", equalTo("REFUND_EXCEEDS_PAID"));
            assertTrue(Db.outbox(orderSn).stream().noneMatch(e -> e.type.equals("REFUND_FAILED")));
            assertTrue(Db.alerts(paySn).stream().noneMatch(a -> a.kind.equals("REFUND_REFUSED")));
        } finally {
            Sandbox.resetFaults();
        }
        // A verified statement (the refund job's query, or the notification sent once faults are off) settles it: refunded once, never closed.
        await().atMost(Duration.ofSeconds(30)).until(() -> refund(refundSn).state == RefundState.SUCCESS);
        assertEquals(List.of(RefundState.SUCCESS), transitions(refundSn).stream().map(t -> t.to).toList());
        assertEquals(720, Db.payment(paySn).refundedFen);
        assertEquals(1, WechatSandbox.refunds(paySn).getList("outRefundNo").size());
        assertTrue(Db.outbox(orderSn).stream().noneMatch(e -> e.type.equals("REFUND_FAILED")));
    }

    @Test
    void anOperatorRefundAboveWhatWasPaidIsRefusedBeforeAnyArithmetic() {
        String[] p = paidPayment(500);
        String paySn = p[2];
        adminRefund(paySn, 200, "first part").then().statusCode(201);
        // held (200) + Long.MAX_VALUE overflows to a negative sum, which an additive check would let through.
        adminRefund(paySn, Long.MAX_VALUE, "overflow").then().statusCode(422).body("code", equalTo("REFUND_EXCEEDS_PAID"));
        adminRefund(paySn, Long.MAX_VALUE - 150, "overflow").then().statusCode(422).body("code", equalTo("REFUND_EXCEEDS_PAID"));
        adminRefund(paySn, 501, "more than paid").then().statusCode(422).body("code", equalTo("REFUND_EXCEEDS_PAID"));
        assertEquals(1, refunds(paySn).size());
    }

    @Test
    void anAbnormalRefundIsAnAlertAndItsAmountStaysHeld() {
        String[] p = paidPayment(500);
        String paySn = p[2];
        Sandbox.faults(java.util.Map.of("refundFail", true));
        String refundSn;
        try {
            refundSn = adminRefund(paySn, 500, "card cancelled").then().statusCode(201).extract().path("refundSn");
        } finally {
            Sandbox.resetFaults();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> refund(refundSn).state == RefundState.ABNORMAL);
        assertTrue(Db.alerts(paySn).stream().anyMatch(a -> a.kind.equals("REFUND_ABNORMAL")));
        Payment payment = Db.payment(paySn);
        assertEquals(PaymentState.SUCCESS, payment.state);
        assertEquals(0, payment.refundedFen);
        assertTrue(Db.outbox(p[1]).stream().noneMatch(e -> e.type.equals("REFUND_SUCCEEDED") || e.type.equals("REFUND_FAILED")),
                "ABNORMAL is neither: the money left the merchant but has not reached the payer");
        // The money is still owed to the payer through that refund: refunding it again would pay twice.
        adminRefund(paySn, 1, "again").then().statusCode(422);
    }

    @Test
    void aRefundWechatClosesFreesItsAmountAndAnnouncesRefundFailed() {
        String[] p = paidPayment(600);
        String paySn = p[2];
        Sandbox.faults(java.util.Map.of("refundClose", true));
        String refundSn;
        try {
            refundSn = adminRefund(paySn, 600, "closed at WeChat").then().statusCode(201).extract().path("refundSn");
            // REFUND.CLOSED arrives as a signed, encrypted notification
            await().atMost(Duration.ofSeconds(20)).until(() -> refund(refundSn).state == RefundState.CLOSED);
        } finally {
            Sandbox.resetFaults();
        }
        assertTrue(Db.alerts(paySn).stream().anyMatch(a -> a.kind.equals("REFUND_CLOSED")));
        Payment payment = Db.payment(paySn);
        assertEquals(PaymentState.SUCCESS, payment.state);
        assertEquals(0, payment.refundedFen);
        assertEquals(1, Db.outbox(p[1]).stream().filter(e -> e.type.equals("REFUND_FAILED")
                && e.payload.contains(refundSn)).count(), "the order side learns the refund will not come");
        assertTrue(Db.outbox(p[1]).stream().noneMatch(e -> e.type.equals("REFUND_SUCCEEDED")));
        // Nothing moved: the whole amount is refundable again, under a new number.
        String again = adminRefund(paySn, 600, "retry").then().statusCode(201).extract().path("refundSn");
        await().atMost(Duration.ofSeconds(20)).until(() -> refund(again).state == RefundState.SUCCESS);
        assertEquals(600, Db.payment(paySn).refundedFen);
    }

    @Test
    void aRepeatedRefundWithTheSameIdempotencyKeyAnswersTheFirstRefundAndRefundsOnce() {
        String[] p = paidPayment(1000);
        String orderSn = p[1], paySn = p[2];
        String key = "click-" + UUID.randomUUID();
        String refundSn = adminRefund(paySn, 1000, "double click", key).then().statusCode(201)
                .extract().path("refundSn");
        adminRefund(paySn, 1000, "double click", key).then().statusCode(200)
                .body("refundSn", equalTo(refundSn)).body("amountFen", equalTo(1000));
        await().atMost(Duration.ofSeconds(20)).until(() -> refund(refundSn).state == RefundState.SUCCESS);
        // Still the same refund once it succeeded and nothing is left to refund (a replay, not a new request: no 422).
        adminRefund(paySn, 1000, "double click", key).then().statusCode(200)
                .body("refundSn", equalTo(refundSn)).body("state", equalTo("SUCCESS"));

        List<Refund> rows = refunds(paySn);
        assertEquals(1, rows.size());
        assertEquals(key, rows.get(0).idempotencyKey);
        assertEquals(List.of(refundSn), WechatSandbox.refunds(paySn).getList("outRefundNo"), "one refund at WeChat");
        assertEquals(1000, Db.payment(paySn).refundedFen);
        assertEquals(1, Db.outbox(orderSn).stream().filter(e -> e.type.equals("REFUND_SUCCEEDED")).count());
    }

    @Test
    void anIdempotencyKeyReusedForAnotherRefundIsAConflict() {
        String[] p = paidPayment(1000);
        String paySn = p[2];
        String key = "k_" + UUID.randomUUID();
        String refundSn = adminRefund(paySn, 300, "goodwill", key).then().statusCode(201).extract().path("refundSn");
        adminRefund(paySn, 400, "goodwill", key).then().statusCode(409).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        adminRefund(paySn, 300, "another reason", key).then().statusCode(409).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        // Keys are case-sensitive: another case is another key, i.e. a new refund.
        adminRefund(paySn, 100, "goodwill", key.toUpperCase()).then().statusCode(201);
        // Keys are scoped to the payment: the same key on another payment is that payment's own request.
        String otherPaySn = paidPayment(500)[2];
        adminRefund(otherPaySn, 200, "goodwill", key).then().statusCode(201).body("paySn", equalTo(otherPaySn));

        List<Refund> rows = refunds(paySn);
        assertEquals(2, rows.size());
        assertEquals(refundSn, rows.get(0).refundSn);
        assertEquals(300, rows.get(0).amountFen);
        assertEquals(1, refunds(otherPaySn).size());
    }

    @Test
    void aRefundWithoutAValidIdempotencyKeyIsRefused() {
        String[] p = paidPayment(500);
        String paySn = p[2];
        adminRefund(paySn, 100, "no key", null).then().statusCode(400).body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        adminRefund(paySn, 100, "empty key", "").then().statusCode(400).body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        adminRefund(paySn, 100, "long key", "a".repeat(65)).then().statusCode(400)
                .body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        adminRefund(paySn, 100, "bad key", "not a key!").then().statusCode(400)
                .body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        adminRefund(paySn, 100, "longest key", "a".repeat(64)).then().statusCode(201);
        assertEquals(1, refunds(paySn).size());
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyCreateOneRefund() throws Exception {
        String[] p = paidPayment(1000);
        String paySn = p[2];
        String key = UUID.randomUUID().toString();
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Callable<Response> call = () -> adminRefund(paySn, 300, "same click", key);
                answers.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> refundSns = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                statuses.add(response.statusCode());
                refundSns.add(response.path("refundSn"));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201 || s == 202).count(), statuses.toString());
            assertEquals(n - 1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(1, refundSns.stream().distinct().count(), refundSns.toString());
            assertTrue(refundSns.get(0) != null && refundSns.get(0).startsWith("R"), refundSns.toString());
            List<Refund> rows = refunds(paySn);
            assertEquals(1, rows.size());
            assertEquals(refundSns.get(0), rows.get(0).refundSn);
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.payment(paySn).refundedFen == 300);
        assertEquals(1, WechatSandbox.refunds(paySn).getList("outRefundNo").size());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** user, orderSn, paySn of a Native payment paid at the sandbox and SUCCESS here (via its notification). */
    static String[] paidPayment(long amountFen) {
        String user = Api.unique("u");
        String orderSn = Api.unique("O");
        OrderServiceDouble.seedOrder(orderSn, user, amountFen, "WAIT_PAY");
        String paySn = Api.createPayment(DevTokens.user(user), orderSn, "WECHAT_NATIVE").then().statusCode(201)
                .extract().path("paySn");
        Sandbox.pay(paySn);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.payment(paySn).state == PaymentState.SUCCESS);
        return new String[] { user, orderSn, paySn };
    }

    /** An operator's refund with a fresh Idempotency-Key (a new click). */
    static Response adminRefund(String paySn, long amountFen, String reason) {
        return adminRefund(paySn, amountFen, reason, UUID.randomUUID().toString());
    }

    /** An operator's refund under {@code idempotencyKey} (null: no header). */
    static Response adminRefund(String paySn, long amountFen, String reason, String idempotencyKey) {
        var request = given().header("Authorization", DevTokens.bearer(DevTokens.admin("ops-1")));
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.contentType("application/json")
                .body("{\"amountFen\":" + amountFen + ",\"reason\":\"" + reason + "\"}")
                .post("/api/admin/payments/" + paySn + "/refunds");
    }

    static Response adminRefundBody(String paySn, String json) {
        return given().header("Authorization", DevTokens.bearer(DevTokens.admin("ops-1"))).contentType("application/json")
                .body(json).post("/api/admin/payments/" + paySn + "/refunds");
    }

    /** The order service's ORDER_REFUND_REQUESTED for payment {@code p} ({user, orderSn, paySn}), as it publishes it. */
    static String refundRequested(String eventId, String[] p, long amountFen, String reason) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"ORDER_REFUND_REQUESTED\",\"occurredAt\":\"" + Instant.now()
                + "\",\"orderSn\":\"" + p[1] + "\",\"userId\":\"" + p[0] + "\",\"paySn\":\"" + p[2]
                + "\",\"amountFen\":" + amountFen + ",\"reason\":\"" + reason + "\"}";
    }

    static List<ConsumerRecord<String, String>> refundEvents(List<ConsumerRecord<String, String>> records) {
        return records.stream().filter(r -> r.value().contains("\"REFUND_SUCCEEDED\"")).toList();
    }

    static List<Refund> refunds(String paySn) {
        return Db.tx(() -> Refund.<Refund>list("paySn = ?1 order by id", paySn));
    }

    static Refund refund(String refundSn) {
        return Db.tx(() -> Refund.<Refund>find("refundSn", refundSn).firstResult());
    }

    static List<RefundTransition> transitions(String refundSn) {
        return Db.tx(() -> RefundTransition.<RefundTransition>list("refundSn", refundSn));
    }

    static List<OutboxEvent> outbox(String orderSn) {
        return Db.outbox(orderSn);
    }
}
