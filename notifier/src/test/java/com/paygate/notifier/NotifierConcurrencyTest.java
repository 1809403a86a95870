package com.paygate.notifier;

import static com.paygate.notifier.NotifierFlowTest.awaitMessages;
import static com.paygate.notifier.NotifierFlowTest.awaitState;
import static com.paygate.notifier.NotifierFlowTest.messages;
import static com.paygate.notifier.NotifierFlowTest.publishEvent;
import static com.paygate.notifier.NotifierFlowTest.sandbox;
import static com.paygate.notifier.NotifierFlowTest.toJson;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.notifier.NotifierFlowTest.Order;
import com.paygate.notifier.domain.Notification;
import com.paygate.notifier.domain.NotificationState;
import com.paygate.notifier.messaging.OrderEventParser;
import com.paygate.notifier.repository.NotificationLogEntity;
import com.paygate.notifier.repository.NotificationLogRepository;
import com.paygate.notifier.service.NotificationService;
import com.paygate.testing.SandboxResource;
import com.paygate.testing.Topics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What only the inside can stage: the same event accepted by several threads at once, concurrent sends sharing one
 * token refresh, and a row left PENDING by a sender that died. Same profile and resources as {@link NotifierFlowTest},
 * so the application is started once for both.
 */
@QuarkusTest
@QuarkusTestResource(SandboxResource.class)
class NotifierConcurrencyTest {

    @Inject
    NotificationService notifications;

    @Inject
    OrderEventParser parser;

    @Inject
    NotificationLogRepository repository;

    @AfterEach
    void clearFaults() {
        given().delete(sandbox() + "/sandbox/wxmsg/faults").then().statusCode(200);
    }

    @Test
    void concurrentDuplicatesSendOnce() throws Exception {
        Order order = Order.random("o-");
        String event = order.event(UUID.randomUUID().toString(), 5000L, "2026-11-24T02:00:00Z");
        Notification notification = parser.parse(event).orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit(() -> {
                    acceptOnContext(notification, event);
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdown();
        }
        // And the same event through Kafka, concurrently with nothing left to claim.
        publishEvent(event);
        awaitState(order, "SENT");
        Order marker = new Order(Order.random("o-").orderSn(), order.userId(), order.openid(), "R" + System.nanoTime());
        Topics.send("order-events", order.orderSn(), marker.event(UUID.randomUUID().toString(), 1L, "2026-11-24T01:00:00Z"));
        awaitMessages(marker.orderSn(), 1);
        assertEquals(1, messages(order.orderSn()).size());
    }

    @Test
    void expiredTokenIsRefreshedOnceAndSharedByConcurrentSends() throws Exception {
        // A token must be cached first, or there would be nothing stale to refuse.
        Order warmUp = Order.random("o-");
        publishEvent(warmUp.event(UUID.randomUUID().toString(), 100L, "2026-11-24T02:59:00Z"));
        awaitState(warmUp, "SENT");
        given().contentType(ContentType.JSON).body(Map.of("expireTokensNow", true)).post(sandbox() + "/sandbox/wxmsg/faults")
                .then().statusCode(200);
        int issuedBefore = NotifierFlowTest.stats().getInt("tokensIssued");
        long staleBefore = NotifierFlowTest.stats().getLong("staleTokenRejections");

        List<Order> orders = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Order order = Order.random("o-");
                orders.add(order);
                String event = order.event(UUID.randomUUID().toString(), 100L + i, "2026-11-24T03:00:00Z");
                Notification notification = parser.parse(event).orElseThrow();
                calls.add(pool.submit(() -> {
                    acceptOnContext(notification, event);
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdown();
        }
        for (Order order : orders) {
            JsonPath log = awaitState(order, "SENT");
            // Refreshed within the attempt: no retry was needed.
            assertEquals(1, log.getInt("[0].attempts"));
            assertEquals(1, messages(order.orderSn()).size());
        }
        assertEquals(issuedBefore + 1, NotifierFlowTest.stats().getInt("tokensIssued"), "one token fetch for all concurrent sends");
        assertTrue(NotifierFlowTest.stats().getLong("staleTokenRejections") > staleBefore, "the stale token was used and refused first");
    }

    @Test
    void pendingNotificationWhoseSenderDiedIsTakenOverAfterItsLease() throws Throwable {
        // As left by a replica that claimed the event and died before recording the outcome: PENDING, lease over.
        Order order = Order.random("o-");
        claimed(order, NotificationState.PENDING, Instant.now().minusSeconds(1), null, 4321L);

        JsonPath log = awaitState(order, "SENT");
        assertEquals(1, log.getInt("[0].attempts"));
        List<Map<String, Object>> sent = messages(order.orderSn());
        assertEquals(1, sent.size());
        assertEquals("¥43.21", new JsonPath(toJson(sent.get(0))).getString("data.amount3"));
    }

    @Test
    void aSentAttemptSettlesAnOpenRowAndNeverOverwritesASettledOne() throws Throwable {
        // RETRYING, due in an hour (the retry job leaves it alone): a late attempt's success settles it completely.
        NotificationLogEntity open = claimed(Order.random("o-"), NotificationState.RETRYING, Instant.now().plusSeconds(3600),
                "timeout", 100L);
        Instant sentAt = Instant.parse("2026-12-07T01:02:03.456Z");
        assertTrue(VertxContextSupport.subscribeAndAwait(() -> repository.markSent(open.eventId, 2, "msg-42", sentAt)));
        NotificationLogEntity sent = stored(open.eventId);
        assertEquals(NotificationState.SENT, sent.state);
        assertEquals(2, sent.attempts);
        assertEquals("msg-42", sent.providerMessageId);
        assertEquals(sentAt, sent.sentAt);
        assertEquals(sentAt, sent.updatedAt);
        assertNull(sent.nextAttemptAt);
        assertNull(sent.lastError);

        // FAILED (dead-lettered): a success reported after that changes nothing.
        NotificationLogEntity failed = claimed(Order.random("o-"), NotificationState.FAILED, null, "attempts exhausted", 100L);
        assertFalse(VertxContextSupport.subscribeAndAwait(() -> repository.markSent(failed.eventId, 9, "msg-43", sentAt)));
        NotificationLogEntity unchanged = stored(failed.eventId);
        assertEquals(NotificationState.FAILED, unchanged.state);
        assertEquals(0, unchanged.attempts);
        assertNull(unchanged.providerMessageId);
        assertNull(unchanged.sentAt);
        assertEquals("attempts exhausted", unchanged.lastError);
    }

    /** A row as the claim writes it, in the given state, for an ORDER_PAID event of {@code amountFen}. */
    private NotificationLogEntity claimed(Order order, NotificationState state, Instant nextAttemptAt, String lastError,
            long amountFen) throws Throwable {
        NotificationLogEntity row = new NotificationLogEntity();
        row.eventId = UUID.randomUUID().toString();
        row.eventType = "ORDER_PAID";
        row.orderSn = order.orderSn();
        row.userId = order.userId();
        row.channel = "wechat";
        row.recipient = order.openid();
        row.state = state;
        row.nextAttemptAt = nextAttemptAt;
        row.lastError = lastError;
        row.payload = order.event(row.eventId, amountFen, "2026-11-24T05:30:00Z");
        row.createdAt = Instant.now();
        assertTrue(VertxContextSupport.subscribeAndAwait(() -> repository.claim(row)));
        return row;
    }

    private NotificationLogEntity stored(String eventId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> repository.findByEventId(eventId)));
    }

    private void acceptOnContext(Notification notification, String event) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> notifications.accept(notification, event));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
