package com.paygate.payment;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.eventing.outbox.OutboxEvent;
import com.paygate.eventing.transition.TransitionOutcome;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.domain.PaymentTransition;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.repository.PaymentRepository;
import com.paygate.payment.service.PaymentTransitions;
import com.paygate.payment.support.Api;
import com.paygate.payment.support.Db;
import com.paygate.payment.support.Notifications;
import com.paygate.payment.support.OrderServiceDouble;
import com.paygate.payment.support.Sandbox;
import com.paygate.testing.DevTokens;
import com.paygate.testing.SandboxResource;
import com.paygate.testing.TopicTail;
import com.paygate.testing.Topics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Polling, the janitor jobs, the order-events consumer and the state machine guard, against the real DB and Kafka. */
@QuarkusTest
@QuarkusTestResource(OrderServiceDouble.class)
@QuarkusTestResource(SandboxResource.class)
class PaymentLifecycleTest {

    /** Topics from where they stood when this test began. */
    private final TopicTail deadLetters = TopicTail.startingNow("order-events-dlq");
    private final TopicTail paymentEvents = TopicTail.startingNow("payment-events");

    @Inject
    PaymentRepository repository;

    @Inject
    AgroalDataSource jdbc;

    @Inject
    PaymentTransitions transitions;

    @Test
    void aPaymentWhoseNotificationNeverCameIsSettledByQuerying() {
        String[] p = Api.nativePayment(1200);
        Sandbox.payWithoutNotification(p[2]); // paid at WeChat, notification lost
        String transactionId = Sandbox.trade(p[2]).getString("transactionId");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                Api.getPayment(DevTokens.user(p[0]), p[2]).then().statusCode(200).body("state", equalTo("SUCCESS"))
                        .body("transactionId", equalTo(transactionId)));
        assertTrue(Sandbox.deliveries(p[2]).isEmpty(), "no notification was delivered");
        List<PaymentTransition> log = Db.transitions(p[2]);
        assertEquals(1, log.size());
        assertTrue(Set.of(TransitionSource.POLL, TransitionSource.QUERY).contains(log.get(0).source), "settled by a query");
        assertEquals(Db.payment(p[2]).stateDesc, log.get(0).reason, "the audit row keeps the provider's own words");
        assertNotNull(log.get(0).reason);
        assertEquals(1, Db.outbox(p[1]).size());
    }

    @Test
    void aPollWithNoQueryDueReadsAndNeverWrites() throws Exception {
        String[] p = Api.nativePayment(130);
        Instant now = Instant.now();
        // Waiting long enough to be queried, but queried just now (by another replica's poll, say).
        Db.update("createdAt = ?1, lastQueriedAt = ?2 where paySn = ?3", now.minusSeconds(60), now.plusSeconds(30), p[2]);
        try (Connection held = jdbc.getConnection()) {
            // Another transaction holds the payment's row lock: any UPDATE of it by the poll would wait for it.
            held.setAutoCommit(false);
            try (PreparedStatement lock = held.prepareStatement("SELECT id FROM payment WHERE pay_sn = ? FOR UPDATE")) {
                lock.setString(1, p[2]);
                lock.executeQuery().close();
            }
            long started = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                Api.getPayment(DevTokens.user(p[0]), p[2]).then().statusCode(200).body("state", equalTo("NOTPAY"));
            }
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(millis < 3000, "three polls answered from a read alone, without waiting for the row lock: " + millis + " ms");
            held.rollback();
        }
    }

    @Test
    void aQueryAnswerThatDoesNotVerifyIsNeverBookedAndAVerifiedOneIs() throws Exception {
        String[] p = Api.nativePayment(140);
        Sandbox.payWithoutNotification(p[2]); // paid at WeChat, only a query can tell
        Db.update("createdAt = ?1 where paySn = ?2", Instant.now().minusSeconds(60), p[2]);
        try {
            // WeChat answers SUCCESS, but the answer's signature does not verify: polling must not believe it.
            Sandbox.faults(Map.of("badAnswerSignature", true));
            Api.pollsStayNotPaid(p);
            assertEquals(0, Db.transitions(p[2]).size());
            assertEquals(0, Db.outbox(p[1]).size());
        } finally {
            Sandbox.resetFaults();
        }
        Api.awaitPolledSuccess(p);
        assertEquals(1, Db.outbox(p[1]).size());
    }

    @Test
    void aQueryAnswerClaimingAnotherAmountOrNoAmountIsNeverBooked() throws Exception {
        for (String claimed : List.of("one-fen-more", "absent")) {
            String[] p = Api.nativePayment(150);
            Sandbox.payWithoutNotification(p[2]); // paid at WeChat, only a query can tell
            Db.update("createdAt = ?1 where paySn = ?2", Instant.now().minusSeconds(60), p[2]);
            try {
                // A correctly signed answer, SUCCESS, but for another amount (or none): not what this payment is.
                Sandbox.faults(Map.of("queryAmount", claimed));
                Api.pollsStayNotPaid(p);
                assertEquals(0, Db.transitions(p[2]).size(), claimed);
                assertEquals(0, Db.outbox(p[1]).size(), claimed);
                assertEquals(List.of("AMOUNT_MISMATCH"), Db.alerts(p[2]).stream().map(a -> a.kind).toList(), claimed);
            } finally {
                Sandbox.resetFaults();
            }
            // The honest answer is booked.
            Api.awaitPolledSuccess(p);
            assertEquals(1, Db.outbox(p[1]).size());
        }
    }

    @Test
    void aNotificationRacingTheQueryAndCloseJobsAndPollsEndsPaidOnce() throws Exception {
        // Paid at WeChat; waiting long enough for the query job and expired for the close job, which both fire every
        // 2 s in tests. The notification (four deliveries, as WeChat resends) and the payer's polls land across two
        // job periods, so they meet the jobs' claims and the close call at WeChat (which answers "already paid").
        String[] p = Api.nativePayment(175);
        Sandbox.payWithoutNotification(p[2]);
        Instant now = Instant.now();
        Db.update("createdAt = ?1, expireAt = ?2 where paySn = ?3", now.minusSeconds(60), now.minusSeconds(1), p[2]);
        Notifications n = new Notifications(p[2], 175);
        n.transactionId = Sandbox.trade(p[2]).getString("transactionId");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> n.sign().post().statusCode()));
                pool.submit(() -> Api.getPayment(DevTokens.user(p[0]), p[2]).statusCode());
                Thread.sleep(700);
            }
            for (Future<Integer> answer : answers) {
                assertEquals(204, answer.get(30, TimeUnit.SECONDS), "every delivery acknowledged");
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.payment(p[2]).state == PaymentState.SUCCESS);
        List<PaymentState> to = Db.transitions(p[2]).stream().map(t -> t.to).toList();
        assertEquals(List.of(PaymentState.SUCCESS), to, "paid once, never closed");
        assertEquals(1, paymentEvents.settled(p[1], found -> !found.isEmpty(), Duration.ofSeconds(20)).size(),
                "one PAYMENT_SUCCEEDED");
    }

    @Test
    void aQueryIsClaimedOncePerInterval() throws Throwable {
        String[] p = Api.nativePayment(100);
        long id = Db.payment(p[2]).id;
        Instant now = Instant.now();
        assertTrue(VertxContextSupport.subscribeAndAwait(() -> repository.claimQuery(id, now.plusSeconds(60), Duration.ofSeconds(30))));
        assertFalse(VertxContextSupport.subscribeAndAwait(() -> repository.claimQuery(id, now.plusSeconds(70), Duration.ofSeconds(30))));
        assertTrue(VertxContextSupport.subscribeAndAwait(() -> repository.claimQuery(id, now.plusSeconds(91), Duration.ofSeconds(30))));
    }

    @Test
    void theExpiryJobClosesAtTheProviderAndEmitsPaymentClosed() {
        String[] p = Api.nativePayment(600);
        Db.update("expireAt = ?1 where paySn = ?2", Instant.now().minusSeconds(60), p[2]);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.payment(p[2]).state == PaymentState.CLOSED);
        assertEquals("CLOSED", Sandbox.trade(p[2]).getString("state"), "closed at WeChat too");
        List<PaymentTransition> log = Db.transitions(p[2]);
        assertEquals(1, log.size());
        assertEquals(TransitionSource.CLOSE_JOB, log.get(0).source);
        List<OutboxEvent> events = Db.outbox(p[1]);
        assertEquals(1, events.size());
        assertEquals("PAYMENT_CLOSED", events.get(0).type);
        assertFalse(events.get(0).payload.contains("transactionId"));
    }

    @Test
    void theExpiryJobAppliesSuccessWhenThePayerPaidAfterAll() {
        String[] p = Api.nativePayment(650);
        Sandbox.payWithoutNotification(p[2]);
        Db.update("expireAt = ?1 where paySn = ?2", Instant.now().minusSeconds(60), p[2]);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.payment(p[2]).state == PaymentState.SUCCESS);
        assertEquals("SUCCESS", Sandbox.trade(p[2]).getString("state"), "never closed at WeChat");
        assertEquals(List.of(PaymentState.SUCCESS), Db.transitions(p[2]).stream().map(t -> t.to).toList());
    }

    @Test
    void cancelledAndExpiredOrdersCloseTheirOpenPaymentsOnce() {
        String[] p = Api.nativePayment(400);
        String h5 = Api.createPayment(DevTokens.user(p[0]), p[1], "WECHAT_H5").then().statusCode(201).extract().path("paySn");
        String[] other = Api.nativePayment(400);

        // Foreign messages on the shared topic are skipped; an unreadable one is poison: dead-lettered with its
        // reason, and the partition moves on.
        Topics.send("order-events", p[1], "not json at all");
        Topics.send("order-events", p[1], "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"ORDER_PAID\",\"orderSn\":\"" + p[1] + "\"}");
        String cancelled = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"ORDER_CANCELLED\",\"occurredAt\":\""
                + Instant.now() + "\",\"orderSn\":\"" + p[1] + "\",\"userId\":\"" + p[0] + "\",\"amountFen\":400}";
        Topics.send("order-events", p[1], cancelled);
        Topics.send("order-events", other[1], "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"ORDER_EXPIRED\",\"occurredAt\":\""
                + Instant.now() + "\",\"orderSn\":\"" + other[1] + "\",\"userId\":\"" + other[0] + "\",\"amountFen\":400}");

        await().atMost(Duration.ofSeconds(60)).until(() -> Db.payment(p[2]).state == PaymentState.CLOSED
                && Db.payment(h5).state == PaymentState.CLOSED && Db.payment(other[2]).state == PaymentState.CLOSED);
        ConsumerRecord<String, String> dead = deadLetters.until(p[1], found -> found.stream().anyMatch(r -> r.value().equals("not json at all")),
                Duration.ofSeconds(20)).stream()
                .filter(r -> r.value().equals("not json at all")).findFirst().orElseThrow();
        String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("unreadable order event"), reason);
        for (String paySn : List.of(p[2], h5, other[2])) {
            List<PaymentTransition> log = Db.transitions(paySn);
            assertEquals(1, log.size(), paySn);
            // Only the consumer closes these at WeChat (they are not expired); the stuck-payment query job may
            // notice the provider's CLOSED a moment before the consumer records it, which is the same outcome.
            assertEquals("CLOSED", Sandbox.trade(paySn).getString("state"));
            assertTrue(Set.of(TransitionSource.ORDER_EVENT, TransitionSource.QUERY).contains(log.get(0).source));
        }
        // A redelivery changes nothing.
        Topics.send("order-events", p[1], cancelled);
        String marker = Api.nativePayment(1)[1];
        // Under the redelivery's key, so it lands on the same partition and is applied after it (one consumer per
        // partition); the payload names the marker's own order.
        Topics.send("order-events", p[1], "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"ORDER_CANCELLED\",\"orderSn\":\"" + marker + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.tx(() -> Payment.<Payment>find("orderSn", marker).firstResult()).state == PaymentState.CLOSED);
        assertEquals(1, Db.transitions(p[2]).size());
        assertEquals(2, Db.outbox(p[1]).size(), "one PAYMENT_CLOSED per payment");
    }

    @Test
    void aWechatSuccessForAPaymentWeClosedIsMoneyReceivedAndPublishedOnce() {
        String[] p = Api.nativePayment(321);
        Db.update("state = ?1 where paySn = ?2", PaymentState.CLOSED, p[2]);

        // WeChat says paid after we closed (our close raced the payer): the money is applied, marked, published.
        Notifications.Signed paid = new Notifications(p[2], 321).sign();
        paid.post().then().statusCode(204);
        Payment after = Db.payment(p[2]);
        assertEquals(PaymentState.SUCCESS, after.state);
        assertTrue(after.paidAfterClose);
        List<PaymentTransition> log = Db.transitions(p[2]);
        assertEquals(1, log.size());
        assertEquals(PaymentState.CLOSED, log.get(0).from);
        assertEquals(PaymentState.SUCCESS, log.get(0).to);
        List<OutboxEvent> events = Db.outbox(p[1]);
        assertEquals(List.of("PAYMENT_SUCCEEDED"), events.stream().map(e -> e.type).toList());
        Api.getPayment(DevTokens.user(p[0]), p[2]).then().statusCode(200)
                .body("state", equalTo("SUCCESS")).body("paidAfterClose", equalTo(true));

        // WeChat re-sends it: no second effect, no second alert.
        paid.post().then().statusCode(204);
        assertEquals(1, Db.transitions(p[2]).size());
        assertEquals(1, Db.outbox(p[1]).size());
        assertEquals(List.of("LATE_SUCCESS"), Db.alerts(p[2]).stream().map(a -> a.kind).toList());
    }

    @Test
    void illegalTransitionsAreRejectedAndChangeNothing() throws Throwable {
        String[] p = Api.nativePayment(322);
        Db.update("state = ?1 where paySn = ?2", PaymentState.REFUND, p[2]);
        long version = Db.payment(p[2]).version;

        // Through the guard: a fully refunded payment never goes back to NOTPAY, CLOSED or SUCCESS.
        for (PaymentState to : List.of(PaymentState.NOTPAY, PaymentState.CLOSED, PaymentState.SUCCESS)) {
            TransitionOutcome outcome = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                    repository.lockByPaySn(p[2]).chain(pay -> transitions.apply(pay, to, TransitionSource.QUERY, null, null, null))));
            assertEquals(TransitionOutcome.ILLEGAL, outcome, "" + to);
        }
        assertEquals(PaymentState.REFUND, Db.payment(p[2]).state);
        assertEquals(version, Db.payment(p[2]).version);
        assertEquals(0, Db.transitions(p[2]).size());
        assertEquals(0, Db.outbox(p[1]).size());

        // The provider saying "paid" agrees with a refunded payment: acknowledged, nothing changed, no alert.
        new Notifications(p[2], 322).sign().post().then().statusCode(204);
        assertEquals(version, Db.payment(p[2]).version);
        assertEquals(List.of(), Db.alerts(p[2]));
    }
}
