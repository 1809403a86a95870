package com.paygate.eventing.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.testing.TopicTail;
import com.paygate.testing.Topics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * With the poll an hour apart, only the push can publish: a committed row reaches Kafka because its own transaction
 * nudged the relay. And a key's row waiting in back-off holds back that key's later rows.
 */
@QuarkusTest
@TestProfile(OutboxPushTest.PollAnHourApart.class)
class OutboxPushTest {

    static final String TOPIC = "outbox-push-test";

    public static class PollAnHourApart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Topics.ensureTopic(TOPIC);
            return Map.of("paygate.outbox.poll-interval", "1h",
                    "mp.messaging.outgoing.outbox.bootstrap.servers", Topics.bootstrapServers());
        }
    }

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    org.hibernate.reactive.mutiny.Mutiny.SessionFactory sessionFactory;

    /** The topic from where it stood when this test began. */
    private final TopicTail published = TopicTail.startingNow(TOPIC);

    @Test
    void aCommittedRowIsPublishedWithoutWaitingForThePoll() {
        String key = "push-" + UUID.randomUUID();
        String eventId = enqueue(key);
        await().atMost(Duration.ofSeconds(10)).until(() -> row(eventId).sentAt != null);
        List<ConsumerRecord<String, String>> records = published.settled(key, found -> !found.isEmpty(),
                Duration.ofSeconds(10));
        assertEquals(1, records.size(), "published once");
    }

    @Test
    void aRowOfALongTransactionIsSentAsSoonAsThatTransactionCommits() {
        String key = "long-tx-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        // The writer keeps its transaction open for 700 ms after the INSERT: longer than the timer's follow-up looks
        // (about 300 ms), shorter than the relay's wait for the commit (1 s). The poll is an hour away.
        OutboxRows.await(() -> Panache.withTransaction(() -> outbox.enqueue(TOPIC, key, eventId, "PUSH_PROBE",
                        Map.of("eventId", eventId))
                .chain(row -> Uni.createFrom().<Void>emitter(done -> {
                    Context context = Vertx.currentContext();
                    context.owner().setTimer(700, id -> context.runOnContext(ignored -> done.complete(null)));
                }))));
        Instant committed = Instant.now();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> row(eventId).sentAt != null);
        Duration lag = Duration.between(committed, row(eventId).sentAt);
        assertTrue(lag.compareTo(Duration.ofMillis(500)) < 0, "sent " + lag.toMillis() + " ms after the commit");
    }

    @Test
    void aRowInBackOffHoldsBackTheLaterRowsOfItsKey() {
        String key = "ordered-" + UUID.randomUUID();
        String first = enqueue(key, Instant.now().plusSeconds(4)); // as if its first send failed
        String second = enqueue(key);
        String otherKey = enqueue("other-" + UUID.randomUUID());
        // Another key is not held back; this key's second row waits for its first.
        await().atMost(Duration.ofSeconds(10)).until(() -> row(otherKey).sentAt != null);
        assertNull(row(second).sentAt, "must not overtake the unsent first row of its key");
        // The first row comes due (its back-off ends; the poll is an hour away, so new writes nudge the relay).
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            nudge();
            return row(first).sentAt != null && row(second).sentAt != null;
        });
        List<ConsumerRecord<String, String>> records = published.settled(key, found -> found.size() >= 2,
                Duration.ofSeconds(10));
        assertEquals(2, records.size());
        assertEquals(List.of(first, second), records.stream().map(r -> r.value().replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1")).toList(),
                "published in the order they were written");
    }

    @Test
    void aClaimLeasesItsRowsSoASecondClaimSkipsThem() throws InterruptedException {
        // Only this test's claims may run: the relay's one scheduled pass (2 s after start, then hourly) is behind us,
        // and so are the follow-up looks after another test's writes.
        Thread.sleep(3000);
        List<String> mine = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(insertWithoutNudge("lease-" + UUID.randomUUID()));
        }
        Instant before = Instant.now();
        List<String> first = OutboxRows.await(() -> relay.claimDue()).stream().map(row -> row.eventId).toList();
        List<String> second = OutboxRows.await(() -> relay.claimDue()).stream().map(row -> row.eventId).toList();
        try {
            assertTrue(first.containsAll(mine), "the first claim takes the due rows");
            assertTrue(second.stream().noneMatch(mine::contains), "a leased row is not claimed again");
            // A count, not an entity read: it asks the database, whatever a session may hold.
            long leased = OutboxRows.await(() -> Panache.withSession(() -> OutboxEvent.count(
                    "eventId in ?1 and nextAttemptAt > ?2", mine, before.plusSeconds(10))));  // the test lease is 20 s
            assertEquals(mine.size(), leased, "leased in the database until the lease ends");
        } finally {
            OutboxRows.await(() -> Panache.withTransaction(() -> OutboxEvent.update("sentAt = ?1 where eventId in ?2", Instant.now(), mine)));
        }
    }

    /**
     * The relay and the jobs read through native SQL. Hibernate Reactive 3.2 caches a native select's plan under a key
     * that never equals the next call's, so each read used to add a plan with the same hash until the plan cache
     * (2,048) was full of them, every lookup walked them all and the HQL plans were pushed out. Relaying events one
     * at a time (a commit wait and a claim each) must leave the cache as it was.
     */
    @Test
    void relayingEventsDoesNotGrowHibernatesQueryPlanCache() {
        String first = enqueue("plans-warm-up");
        await().atMost(Duration.ofSeconds(10)).until(() -> row(first).sentAt != null);
        int before = cachedQueryPlans();
        for (int i = 0; i < 40; i++) {
            String eventId = enqueue("plans-" + i);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> row(eventId).sentAt != null);
        }
        int after = cachedQueryPlans();
        assertTrue(after - before < 10, "query plans cached: " + before + " before relaying 40 events one by one, " + after + " after");
    }

    private int cachedQueryPlans() {
        var metamodel = (org.hibernate.metamodel.MappingMetamodel) sessionFactory.getMetamodel();
        return metamodel.getTypeConfiguration().getSessionFactory().getQueryEngine().getInterpretationCache()
                .getNumberOfCachedQueryPlans();
    }

    /** A due row written behind the relay's back (another replica's, say): found only by a claim. */
    private static String insertWithoutNudge(String key) {
        String eventId = UUID.randomUUID().toString();
        OutboxRows.await(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO outbox_event (event_id, topic, msg_key, event_type, payload, created_at, next_attempt_at)"
                        + " VALUES (?1, ?2, ?3, 'PROBE', '{}', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) - INTERVAL 1 SECOND)")
                .setParameter(1, eventId).setParameter(2, TOPIC).setParameter(3, key)
                .executeUpdate())));
        return eventId;
    }

    private void nudge() {
        enqueue("nudge-" + UUID.randomUUID());
    }

    private String enqueue(String key) {
        return enqueue(key, null);
    }

    /** A row as a service writes it; with {@code notBefore}, as if its first send had failed and it backs off. */
    private String enqueue(String key, Instant notBefore) {
        if (notBefore == null) {
            return OutboxRows.enqueue(outbox, TOPIC, key);
        }
        String eventId = UUID.randomUUID().toString();
        OutboxRows.await(() -> Panache.withTransaction(
                () -> outbox.enqueue(TOPIC, key, eventId, "PUSH_PROBE", Map.of("eventId", eventId))
                        .invoke(row -> row.nextAttemptAt = notBefore)));
        return eventId;
    }

    private static OutboxEvent row(String eventId) {
        return OutboxRows.row(eventId);
    }
}
