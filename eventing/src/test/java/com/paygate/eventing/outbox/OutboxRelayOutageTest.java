package com.paygate.eventing.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.testing.TopicTail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The brief's promise: "nothing is lost when Kafka is briefly down". An event committed while the broker is down
 * stays in the outbox, is retried with backoff, and is published exactly once after the broker is back.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaOutageResource.class, restrictToAnnotatedClass = true)
class OutboxRelayOutageTest {

    static final String TOPIC = "outage-events";

    @Inject
    Outbox outbox;

    @Inject
    OutboxLag lag;

    @Test
    void eventWrittenWhileKafkaIsDownArrivesOnceAfterItRestarts() throws Throwable {
        String before = enqueue();
        await().atMost(Duration.ofSeconds(30)).until(() -> row(before).sentAt != null);
        TopicTail published = TopicTail.startingNow(KafkaOutageResource.kafka.bootstrapServers(), TOPIC);

        KafkaOutageResource.kafka.stop();
        String during = enqueue();
        await().atMost(Duration.ofSeconds(30)).until(() -> row(during).attempts >= 1);
        OutboxEvent failed = row(during);
        assertNull(failed.sentAt, "nothing can be acknowledged while the broker is down");
        assertNotNull(failed.lastError);
        assertTrue(failed.nextAttemptAt.isAfter(failed.createdAt), "a failed row backs off");
        // The outage shows in the lag gauges (readiness stays UP: the outbox absorbs it).
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            refreshLag();
            return lag.backlog() >= 1 && lag.lag().toMillis() > 0;
        });

        KafkaOutageResource.kafka.startAgain();
        await().atMost(Duration.ofSeconds(60)).until(() -> row(during).sentAt != null);

        List<ConsumerRecord<String, String>> records = published.settled(during, found -> !found.isEmpty(),
                Duration.ofSeconds(20));
        assertEquals(1, records.size(), "published exactly once after the outage");
        assertTrue(records.get(0).value().contains(during));
    }

    private void refreshLag() {
        OutboxRows.await(lag::refresh);
    }

    private String enqueue() {
        String eventId = UUID.randomUUID().toString();
        OutboxRows.await(() -> Panache.withTransaction(
                () -> outbox.enqueue(TOPIC, eventId, eventId, "OUTAGE_PROBE", Map.of("eventId", eventId))));
        return eventId;
    }

    private static OutboxEvent row(String eventId) {
        return OutboxRows.row(eventId);
    }
}
