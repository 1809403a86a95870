package com.paygate.order.messaging;

import static com.paygate.order.OrderTestSupport.bearer;
import static com.paygate.order.OrderTestSupport.createOrder;
import static com.paygate.order.OrderTestSupport.event;
import static com.paygate.order.OrderTestSupport.getOrder;
import static com.paygate.order.OrderTestSupport.newUser;
import static com.paygate.order.OrderTestSupport.orderEvent;
import static com.paygate.order.OrderTestSupport.orderEventsFromNow;
import static com.paygate.order.OrderTestSupport.orderEventsOfType;
import static com.paygate.order.OrderTestSupport.outboxRows;
import static com.paygate.order.OrderTestSupport.paymentSucceeded;
import static com.paygate.order.OrderTestSupport.parked;
import static com.paygate.order.OrderTestSupport.parkedAttempts;
import static com.paygate.order.OrderTestSupport.paymentSucceededOutOfContract;
import static com.paygate.order.OrderTestSupport.processed;
import static com.paygate.order.OrderTestSupport.refundFailed;
import static com.paygate.order.OrderTestSupport.sendPaymentEvent;
import static com.paygate.order.OrderTestSupport.state;
import static com.paygate.order.OrderTestSupport.stateLogRows;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.order.OrderTestSupport;
import com.paygate.order.event.PaymentEvent;
import com.paygate.order.service.PaymentEventService;
import com.paygate.testing.TopicTail;
import com.paygate.testing.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Payment events from the real broker applied to real orders, exactly once, money never dropped. */
@QuarkusTest
class PaymentEventsTest {

    /** order-events from where it stood when this test began. */
    private final TopicTail orderTopic = orderEventsFromNow();
    private final TopicTail deadLetters = TopicTail.startingNow("payment-events-dlq");

    private static final Duration WAIT = Duration.ofSeconds(40);

    @Inject
    PaymentEventService payments;

    @Inject
    MeterRegistry registry;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Test
    void paymentSucceededPaysTheOrderIssuesACodeAndAnnouncesOrderPaid() {
        String user = newUser();
        JsonPath order = createOrder(user, 4, 2);
        String sn = order.getString("orderSn");
        String paySn = "P" + UUID.randomUUID();
        sendPaymentEvent(sn, paymentSucceeded(UUID.randomUUID().toString(), sn, user, paySn, 2 * 29900));

        await().atMost(WAIT).until(() -> state(user, sn).equals("WAIT_USE"));
        JsonPath paid = getOrder(user, sn);
        assertEquals(paySn, paid.getString("paySn"));
        assertNotNull(paid.getString("paidAt"));
        String code = paid.getString("redeemCode");
        assertTrue(code.matches("\\d{10}"), code);
        assertNull(paid.get("refundFlag"));

        List<JsonPath> events = orderEventsOfType(orderTopic, sn, "ORDER_PAID", WAIT);
        assertEquals(1, events.size());
        JsonPath e = events.get(0);
        assertEquals(sn, e.getString("orderSn"));
        assertEquals(user, e.getString("userId"));
        assertEquals("openid-" + user, e.getString("openid"));
        assertEquals("Online Java course, 12 lessons", e.getString("title"));
        assertEquals(59800L, e.getLong("amountFen"));
        assertEquals(code, e.getString("redeemCode"));
        assertEquals(paySn, e.getString("paySn"));
        assertEquals(paid.getString("paidAt"), e.getString("paidAt"));
        assertNotNull(e.getString("eventId"));
        assertNotNull(e.getString("occurredAt"));

        // Redeem: wrong code 422 (nothing changes), right code USED, again 409.
        given().header("Authorization", bearer(user)).contentType(ContentType.JSON)
                .body(Map.of("redeemCode", code.equals("0000000000") ? "1111111111" : "0000000000"))
                .when().post("/api/orders/" + sn + "/redeem")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("WRONG_REDEEM_CODE"));
        assertEquals("WAIT_USE", state(user, sn));
        given().header("Authorization", bearer(user)).contentType(ContentType.JSON).body(Map.of("redeemCode", code))
                .when().post("/api/orders/" + sn + "/redeem")
                .then().statusCode(200).body("state", equalTo("USED"));
        given().header("Authorization", bearer(user)).contentType(ContentType.JSON).body(Map.of("redeemCode", code))
                .when().post("/api/orders/" + sn + "/redeem")
                .then().statusCode(409);
        given().header("Authorization", bearer(user)).when().post("/api/orders/" + sn + "/cancel")
                .then().statusCode(409);
    }

    @Test
    void redeliveredAndConcurrentlyDuplicatedEventTakesEffectOnce() throws Exception {
        String user = newUser();
        String sn = createOrder(user, 5, 1).getString("orderSn");
        String eventId = UUID.randomUUID().toString();
        String value = paymentSucceeded(eventId, sn, user, "P" + UUID.randomUUID(), 8800);

        // Three deliveries at once, then two redeliveries.
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sends.add(pool.submit(() -> sendPaymentEvent(sn, value)));
            }
            for (Future<?> f : sends) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        sendPaymentEvent(sn, value);
        sendPaymentEvent(sn, value);
        // Same key, same partition: once this marker is applied, every copy before it has been too.
        String marker = UUID.randomUUID().toString();
        sendPaymentEvent(sn, event(marker, "PAYMENT_CLOSED", sn, Map.of()));
        await().atMost(WAIT).until(() -> processed(marker));

        assertEquals("WAIT_USE", state(user, sn));
        assertEquals(1, stateLogRows(sn, "WAIT_USE"));
        assertEquals(1, outboxRows(sn, "ORDER_PAID"));
        // Read until the topic settles, so a second ORDER_PAID published later would be counted.
        assertEquals(1, orderEventsOfType(orderTopic, sn, "ORDER_PAID", WAIT).size());
    }

    @Test
    void concurrentApplicationsOfOneEventInsideTheServiceChangeTheOrderOnce() throws Exception {
        String user = newUser();
        String sn = createOrder(user, 6, 3).getString("orderSn");
        PaymentEvent event = new PaymentEvent(UUID.randomUUID().toString(), "PAYMENT_SUCCEEDED", null, "P-" + sn, sn,
                user, 3L, "ALIPAY", "t", null, null, null, null);
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<PaymentEventService.Outcome> outcomes = new ArrayList<>();
        try {
            List<Future<PaymentEventService.Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return com.paygate.order.OrderTestSupport.await(() -> payments.apply(event));
                }));
            }
            start.countDown();
            for (Future<PaymentEventService.Outcome> f : futures) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, outcomes.stream().filter(o -> o == PaymentEventService.Outcome.APPLIED).count(), outcomes.toString());
        assertEquals(threads - 1, outcomes.stream().filter(o -> o == PaymentEventService.Outcome.DUPLICATE).count());
        assertEquals("WAIT_USE", state(user, sn));
        assertEquals(1, stateLogRows(sn, "WAIT_USE"));
        assertEquals(1, outboxRows(sn, "ORDER_PAID"));
    }

    @Test
    void amountMismatchIsFlaggedForRefundNotDropped() {
        String user = newUser();
        String sn = createOrder(user, 3, 1).getString("orderSn");
        double before = problemPayments("AMOUNT_MISMATCH");
        String paySn = "P" + UUID.randomUUID();
        sendPaymentEvent(sn, paymentSucceeded(UUID.randomUUID().toString(), sn, user, paySn, 1));

        await().atMost(WAIT).until(() -> state(user, sn).equals("REFUNDING"));
        JsonPath order = getOrder(user, sn);
        assertEquals(true, order.getBoolean("refundFlag"));
        assertTrue(order.getString("refundReason").startsWith("AMOUNT_MISMATCH"), order.getString("refundReason"));
        assertEquals(paySn, order.getString("paySn"));
        assertNull(order.get("redeemCode"), "a mismatched payment must not issue a redeem code");
        assertEquals(0, outboxRows(sn, "ORDER_PAID"));

        JsonPath refund = orderEvent(orderTopic, sn, "ORDER_REFUND_REQUESTED", WAIT);
        assertEquals(paySn, refund.getString("paySn"));
        assertEquals(1L, refund.getLong("amountFen"), "refund what was paid");
        assertEquals(user, refund.getString("userId"));
        assertTrue(refund.getString("reason").startsWith("AMOUNT_MISMATCH"));
        assertEquals(before + 1, problemPayments("AMOUNT_MISMATCH"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("orders_late_or_mismatched_payments_total{reason=\"AMOUNT_MISMATCH\""));
    }

    @Test
    void paymentAfterCancelIsFlaggedForRefund() {
        String user = newUser();
        String sn = createOrder(user, 6, 1).getString("orderSn");
        given().header("Authorization", bearer(user)).when().post("/api/orders/" + sn + "/cancel").then().statusCode(200);
        double before = problemPayments("LATE_PAYMENT");
        String paySn = "P" + UUID.randomUUID();
        sendPaymentEvent(sn, paymentSucceeded(UUID.randomUUID().toString(), sn, user, paySn, 1));

        await().atMost(WAIT).until(() -> state(user, sn).equals("REFUNDING"));
        assertTrue(getOrder(user, sn).getString("refundReason").contains("CANCELLED"));
        assertEquals(1, stateLogRows(sn, "REFUNDING"));
        assertEquals(paySn, orderEvent(orderTopic, sn, "ORDER_REFUND_REQUESTED", WAIT).getString("paySn"));
        assertEquals(before + 1, problemPayments("LATE_PAYMENT"));
    }

    @Test
    void secondPaymentForAPaidOrderIsRefundedWithoutTouchingTheOrder() {
        String user = newUser();
        String sn = createOrder(user, 6, 1).getString("orderSn");
        String firstPay = "P1-" + UUID.randomUUID();
        sendPaymentEvent(sn, paymentSucceeded(UUID.randomUUID().toString(), sn, user, firstPay, 1));
        await().atMost(WAIT).until(() -> state(user, sn).equals("WAIT_USE"));
        String code = getOrder(user, sn).getString("redeemCode");

        String secondPay = "P2-" + UUID.randomUUID();
        sendPaymentEvent(sn, paymentSucceeded(UUID.randomUUID().toString(), sn, user, secondPay, 1));
        JsonPath refund = orderEvent(orderTopic, sn, "ORDER_REFUND_REQUESTED", WAIT);
        assertEquals(secondPay, refund.getString("paySn"));
        assertTrue(refund.getString("reason").startsWith("EXTRA_PAYMENT"));
        JsonPath order = getOrder(user, sn);
        assertEquals("WAIT_USE", order.getString("state"));
        assertEquals(firstPay, order.getString("paySn"));
        assertEquals(code, order.getString("redeemCode"));

        // The same payment again under a new event id (the payment service re-announcing it) is not extra money.
        String again = UUID.randomUUID().toString();
        sendPaymentEvent(sn, paymentSucceeded(again, sn, user, firstPay, 1));
        await().atMost(WAIT).until(() -> processed(again));
        assertEquals(1, outboxRows(sn, "ORDER_REFUND_REQUESTED"));
    }

    @Test
    void refundSucceededFinishesARefundingOrderAndIsIgnoredOtherwise() {
        String user = newUser();
        String sn = createOrder(user, 6, 1).getString("orderSn");
        // Before any payment: parked, not done; nothing changes.
        String early = UUID.randomUUID().toString();
        sendPaymentEvent(sn, event(early, "REFUND_SUCCEEDED", sn, Map.of("paySn", "x", "refundAmountFen", 1,
                "refundedTotalFen", 1, "amountFen", 1)));
        await().atMost(WAIT).until(() -> parked(early));
        assertFalse(processed(early), "a parked event is not done");
        assertEquals("WAIT_PAY", state(user, sn));

        sendPaymentEvent(sn, paymentSucceeded(UUID.randomUUID().toString(), sn, user, "P" + sn, 2));
        await().atMost(WAIT).until(() -> state(user, sn).equals("REFUNDING"));
        // Once the order has a payment the parked event is applied: a refund of another payment, ignored, done.
        await().atMost(WAIT).until(() -> processed(early) && !parked(early));
        assertEquals("REFUNDING", state(user, sn));
        sendPaymentEvent(sn, event(UUID.randomUUID().toString(), "REFUND_SUCCEEDED", sn,
                Map.of("paySn", "P" + sn, "refundAmountFen", 2, "refundedTotalFen", 2, "amountFen", 2, "refundSn", "R" + sn)));
        await().atMost(WAIT).until(() -> state(user, sn).equals("REFUNDED"));
        assertEquals(1, stateLogRows(sn, "REFUNDED"));
    }

    /**
     * A refund's outcome that overtakes the payment it refunds (a replayed dead letter, say) is not marked done and
     * not lost: parked, redelivered without a second effect, and applied once the payment has been.
     */
    @Test
    void aRefundBeforeItsPaymentIsParkedAndAppliedOnceThePaymentArrives() {
        String user = newUser();
        String sn = createOrder(user, 4, 1).getString("orderSn");
        String paySn = "P" + UUID.randomUUID();
        String refund = UUID.randomUUID().toString();
        String refundEvent = event(refund, "REFUND_SUCCEEDED", sn, Map.of("paySn", paySn, "refundAmountFen", 29900,
                "refundedTotalFen", 29900, "amountFen", 29900, "refundSn", "R" + sn));
        sendPaymentEvent(sn, refundEvent);
        await().atMost(WAIT).until(() -> parked(refund));
        assertEquals(0, parkedAttempts(refund));
        sendPaymentEvent(sn, refundEvent); // redelivered while parked: parked again (one more try), still not done
        String probe = UUID.randomUUID().toString();
        sendPaymentEvent(sn, event(probe, "PAYMENT_TELEPORTED", sn, Map.of()));
        await().atMost(WAIT).until(() -> processed(probe)); // the partition moved past both copies
        assertFalse(processed(refund));
        assertEquals(1, parkedAttempts(refund));
        assertEquals("WAIT_PAY", state(user, sn));

        // The job would try it only in an hour (the test profile's back-off): the order's move applies it.
        sendPaymentEvent(sn, paymentSucceeded(UUID.randomUUID().toString(), sn, user, paySn, 29900));
        await().atMost(Duration.ofSeconds(15)).until(() -> state(user, sn).equals("REFUNDED"));
        assertTrue(processed(refund) && !parked(refund));
        assertEquals(1, stateLogRows(sn, "WAIT_USE"));
        assertEquals(1, stateLogRows(sn, "REFUNDED"));
        assertEquals(1, outboxRows(sn, "ORDER_REFUNDED"));
    }

    /**
     * The job applies parked events whose order moved elsewhere than in this process's consumer (another replica,
     * or before a restart): here the payment is applied directly, so nothing but the job looks at the parked event.
     */
    @Test
    void theJobAppliesAParkedEventWhoseOrderMovedElsewhere() throws InterruptedException {
        String user = newUser();
        String sn = createOrder(user, 4, 1).getString("orderSn");
        String paySn = "P" + UUID.randomUUID();
        String refund = UUID.randomUUID().toString();
        sendPaymentEvent(sn, event(refund, "REFUND_FAILED", sn, Map.of("paySn", paySn, "refundAmountFen", 29900,
                "refundedTotalFen", 0, "amountFen", 29900, "refundSn", "R" + sn)));
        await().atMost(WAIT).until(() -> parked(refund));

        PaymentEvent paid = OrderTestSupport.await(() -> io.smallrye.mutiny.Uni.createFrom().item(() -> {
            try {
                return json.readValue(paymentSucceeded(UUID.randomUUID().toString(), sn, user, paySn, 29900), PaymentEvent.class);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }));
        OrderTestSupport.await(() -> payments.apply(paid));
        assertEquals("WAIT_USE", state(user, sn));
        Thread.sleep(3000); // two runs of the job (every 2 s here): the event is not due yet, so it stays parked
        assertTrue(parked(refund) && !processed(refund));
        // Its back-off over, the job applies it: the failed refund of a paid order that never asked for one, ignored.
        OrderTestSupport.parkedDueNow(refund);
        await().atMost(WAIT).until(() -> processed(refund) && !parked(refund));
        assertEquals("WAIT_USE", state(user, sn));
    }

    @Test
    void unknownOrdersAndTypesAreAcknowledgedAndSkipped() {
        double before = problemPayments("UNKNOWN_ORDER_PAYMENT");
        String unknownOrder = UUID.randomUUID().toString();
        String ghost = "999" + System.nanoTime();
        sendPaymentEvent(ghost, paymentSucceeded(unknownOrder, ghost, "nobody", "P-ghost", 100));
        String unknownType = UUID.randomUUID().toString();
        sendPaymentEvent(ghost, event(unknownType, "PAYMENT_TELEPORTED", ghost, Map.of()));
        await().atMost(WAIT).until(() -> processed(unknownOrder) && processed(unknownType));
        // Money for an order nobody knows cannot be refunded from here: an operator signal (counted after commit).
        await().atMost(WAIT).until(() -> problemPayments("UNKNOWN_ORDER_PAYMENT") >= before + 1);
    }

    @Test
    void malformedEventGoesToTheDeadLetterTopicWithTheReasonAndIsCounted() {
        double before = deadLettered();
        String key = "malformed-" + UUID.randomUUID();
        sendPaymentEvent(key, "{ this is not json");
        String missingAmount = "missing-" + UUID.randomUUID();
        sendPaymentEvent(missingAmount, event(UUID.randomUUID().toString(), "PAYMENT_SUCCEEDED", missingAmount,
                Map.of("paySn", "P")));

        ConsumerRecord<String, String> dead = deadLetters.until(key, found -> !found.isEmpty(), WAIT).get(0);
        assertEquals("{ this is not json", dead.value());
        String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("Malformed payment event: not a payment event"), reason);

        ConsumerRecord<String, String> incomplete = deadLetters.until(missingAmount, found -> !found.isEmpty(), WAIT).get(0);
        String why = new String(incomplete.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertTrue(why.contains("amountFen"), why);
        // Operators are told: every dead letter counts in consumer_dead_letters_total (alerted on when it rises).
        assertEquals(before + 2, deadLettered());
    }

    @Test
    void aRecordNoAttemptCouldStoreIsPoisonDeadLetteredWithTheReasonAndChangesNothing() {
        String user = newUser();
        String sn = createOrder(user, 6, 1).getString("orderSn");
        // A pay_sn longer than its column: poison, recognised before any attempt.
        String eventId = UUID.randomUUID().toString();
        sendPaymentEvent(sn, paymentSucceededOutOfContract(eventId, sn, user, "P".repeat(80), 1));

        ConsumerRecord<String, String> dead = deadLetters.until(sn, found -> !found.isEmpty(), WAIT).get(0);
        assertTrue(dead.value().contains(eventId));
        String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("paySn longer than 64"), reason);
        assertEquals("WAIT_PAY", state(user, sn));
        assertEquals(false, processed(eventId));

        // The partition keeps moving: a good event for the same order after it is applied.
        sendPaymentEvent(sn, paymentSucceeded(UUID.randomUUID().toString(), sn, user, "P-ok-" + sn, 1));
        await().atMost(WAIT).until(() -> state(user, sn).equals("WAIT_USE"));
    }

    @Test
    void aPaymentArrivingWhileTheOrdersTableIsUnreachableIsAppliedOnceItIsBack() throws Exception {
        String user = newUser();
        JsonPath order = createOrder(user, 6, 1);
        String sn = order.getString("orderSn");
        String eventId = UUID.randomUUID().toString();
        String paySn = "P-outage-" + UUID.randomUUID();
        // Every attempt fails at once in the database, for far longer than the old retry budget (4 tries, ~1.5 s).
        OrderTestSupport.update("RENAME TABLE orders TO orders_unreachable");
        try {
            sendPaymentEvent(sn, paymentSucceeded(eventId, sn, user, paySn, order.getLong("amountFen")));
            Thread.sleep(6000);
            assertEquals(false, processed(eventId), "nothing applied while the table is away");
        } finally {
            OrderTestSupport.update("RENAME TABLE orders_unreachable TO orders");
        }
        await().atMost(WAIT).until(() -> state(user, sn).equals("WAIT_USE"));
        assertEquals(paySn, getOrder(user, sn).getString("paySn"));
        assertTrue(processed(eventId));
        assertEquals(1, orderEventsOfType(orderTopic, sn, "ORDER_PAID", Duration.ofSeconds(5)).size());
        assertTrue(deadLetters.settled(sn).isEmpty(),
                "a valid event is never dead-lettered");
    }

    @Test
    void aDeadLetteredValidEventIsListedAndReplayedIntoItsTopicAndAppliedOnce() {
        String user = newUser();
        JsonPath order = createOrder(user, 6, 1);
        String sn = order.getString("orderSn");
        String eventId = UUID.randomUUID().toString();
        String paySn = "P-replay-" + UUID.randomUUID();
        // What an older consumer (four tries, then the dead-letter topic) left behind for a valid payment.
        Topics.send("payment-events-dlq", sn, paymentSucceeded(eventId, sn, user, paySn, order.getLong("amountFen")),
                Map.of("dead-letter-reason", "lock wait timeout exceeded", "dead-letter-topic", "payment-events-order-test"));
        String admin = com.paygate.testing.DevTokens.bearer(com.paygate.testing.DevTokens.admin("ops-" + UUID.randomUUID()));

        JsonPath listed = given().header("Authorization", admin).queryParam("key", sn)
                .when().get("/api/admin/dead-letters/payment-events-dlq").then().statusCode(200).extract().jsonPath();
        assertEquals(1, listed.getList("$").size());
        assertEquals("lock wait timeout exceeded", listed.getString("[0].reason"));
        assertEquals("payment-events-order-test", listed.getString("[0].sourceTopic"));
        int partition = listed.getInt("[0].partition");
        long offset = listed.getLong("[0].offset");

        // Replayed (twice: an operator's double click) into the topic it came from: applied once.
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", admin).queryParam("partition", partition).queryParam("offset", offset)
                    .when().post("/api/admin/dead-letters/payment-events-dlq/replay").then().statusCode(200)
                    .body("[0].offset", equalTo((int) offset));
        }
        await().atMost(WAIT).until(() -> state(user, sn).equals("WAIT_USE"));
        assertEquals(paySn, getOrder(user, sn).getString("paySn"));
        assertEquals(1, orderEventsOfType(orderTopic, sn, "ORDER_PAID", Duration.ofSeconds(5)).size());

        // Only admins, only this service's dead-letter topics, a record that exists.
        given().header("Authorization", bearer(user)).when().get("/api/admin/dead-letters/payment-events-dlq").then().statusCode(403);
        given().header("Authorization", admin).when().get("/api/admin/dead-letters/order-events").then().statusCode(404)
                .body("code", equalTo("DEAD_LETTER_TOPIC_NOT_FOUND"));
        given().header("Authorization", admin).queryParam("partition", 0).queryParam("offset", Long.MAX_VALUE)
                .when().post("/api/admin/dead-letters/payment-events-dlq/replay").then().statusCode(404);
        given().header("Authorization", admin).queryParam("partition", 0)
                .when().post("/api/admin/dead-letters/payment-events-dlq/replay").then().statusCode(400);
    }

    @Test
    void aFailedRefundOfMoneyTheOrderCannotKeepLeavesItRefundingForAnOperator() {
        String user = newUser();
        String sn = createOrder(user, 6, 1).getString("orderSn");
        given().header("Authorization", bearer(user)).when().post("/api/orders/" + sn + "/cancel").then().statusCode(200);
        String paySn = "P" + UUID.randomUUID();
        sendPaymentEvent(sn, paymentSucceeded(UUID.randomUUID().toString(), sn, user, paySn, 4500));
        await().atMost(WAIT).until(() -> state(user, sn).equals("REFUNDING"));
        double before = stuckRefunds();

        String failed = UUID.randomUUID().toString();
        sendPaymentEvent(sn, refundFailed(failed, sn, user, paySn, 4500, 4500));
        await().atMost(WAIT).until(() -> processed(failed));
        assertEquals("REFUNDING", state(user, sn), "the late payment must still go back");
        assertTrue(getOrder(user, sn).getBoolean("refundFlag"));
        assertEquals(1, stateLogRows(sn, "REFUNDING"));
        assertEquals(before + 1, stuckRefunds());
        assertEquals(0, outboxRows(sn, "ORDER_REFUND_FAILED"), "the payer is not told: an operator handles it");
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("orders_refunds_failed_needing_operator_total"));
    }

    @Test
    void aRedeliveredRefundFailedChangesNothingOnceTheOwnerAskedAgain() {
        String user = newUser();
        String paySn = "P" + UUID.randomUUID();
        String sn = OrderTestSupport.paidOrder(user, 2, 1, paySn).getString("orderSn");
        given().header("Authorization", bearer(user)).contentType(ContentType.JSON).body(Map.of("reason", "first"))
                .when().post("/api/orders/" + sn + "/refund").then().statusCode(200);
        String failed = refundFailed(UUID.randomUUID().toString(), sn, user, paySn, 1, 1);
        sendPaymentEvent(sn, failed);
        await().atMost(WAIT).until(() -> state(user, sn).equals("WAIT_USE"));
        given().header("Authorization", bearer(user)).contentType(ContentType.JSON).body(Map.of("reason", "second"))
                .when().post("/api/orders/" + sn + "/refund").then().statusCode(200);

        sendPaymentEvent(sn, failed); // the same event again
        // Same key, same partition: once this marker is processed, so is the redelivery before it.
        String marker = UUID.randomUUID().toString();
        sendPaymentEvent(sn, event(marker, "PAYMENT_CLOSED", sn, Map.of("paySn", "P-other")));
        await().atMost(WAIT).until(() -> processed(marker));
        assertEquals("REFUNDING", state(user, sn));
        assertEquals(2, stateLogRows(sn, "REFUNDING"));
        assertEquals(2, stateLogRows(sn, "WAIT_USE"), "once from paying, once from the refused refund");
    }

    private double stuckRefunds() {
        Counter counter = registry.find(PaymentEventService.STUCK_REFUNDS_METRIC).counter();
        return counter == null ? 0 : counter.count();
    }

    private double deadLettered() {
        Counter counter = registry.find("consumer.dead_letters").tag("consumer", "order:payment-events").counter();
        return counter == null ? 0 : counter.count();
    }

    private double problemPayments(String reason) {
        Counter counter = registry.find(PaymentEventService.PROBLEM_PAYMENTS_METRIC).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
