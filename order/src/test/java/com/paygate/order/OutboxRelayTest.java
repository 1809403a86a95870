package com.paygate.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.paygate.eventing.outbox.Outbox;
import com.paygate.eventing.outbox.OutboxEvent;
import com.paygate.testing.TopicTail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The outbox row written in a transaction reaches the real broker, and the row is then marked sent. */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    Outbox outbox;

    private final TopicTail orderEvents = TopicTail.startingNow("order-events");

    @Test
    void committedOutboxRowIsPublishedOnceAndMarkedSent() throws Throwable {
        String eventId = UUID.randomUUID().toString();
        String key = "relay-test-" + eventId;
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.enqueue(
                "order-events", key, eventId, "RELAY_PROBE", Map.of("eventId", eventId, "type", "RELAY_PROBE"))));

        List<ConsumerRecord<String, String>> records = orderEvents.settled(key, found -> !found.isEmpty(),
                Duration.ofSeconds(30));
        assertEquals(1, records.size(), "published once");
        assertEquals(eventId, new String(records.get(0).headers().lastHeader("eventId").value()));

        OutboxEvent row = awaitSent(eventId);
        assertNotNull(row.sentAt, "row must be marked sent after the broker acknowledged it");
    }

    private static OutboxEvent awaitSent(String eventId) throws Throwable {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            OutboxEvent row = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                    () -> OutboxEvent.<OutboxEvent>find("eventId", eventId).firstResult()));
            if (row.sentAt != null || System.currentTimeMillis() > deadline) {
                return row;
            }
            Thread.sleep(100);
        }
    }
}
