package com.paygate.eventing.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The inbox forgets ids only past the retention, in batches, and still dedupes what it keeps. */
@QuarkusTest
class InboxPruningTest {

    private static final String CONSUMER = "pruning-test-" + UUID.randomUUID();

    @Inject
    Inbox inbox;

    @Inject
    InboxPruning pruning;

    @Test
    void idsOlderThanTheCutoffAreForgottenAndRecentOnesStillDedupe() throws Throwable {
        Instant now = Instant.now();
        // More old rows than one batch (the test profile's prune-batch is 3), so pruning has to loop.
        for (int i = 0; i < 7; i++) {
            insert("old-" + i, now.minus(Duration.ofDays(30)));
        }
        String recent = UUID.randomUUID().toString();
        assertTrue(VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, recent))));

        long deleted = VertxContextSupport.subscribeAndAwait(() -> pruning.prune(now.minus(Duration.ofDays(14))));
        assertTrue(deleted >= 7, "deleted " + deleted);
        assertEquals(0L, count("old-%"));
        assertEquals(1L, count(recent));
        assertFalse(VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, recent))),
                "a kept id is still recognised as a redelivery");
    }

    private static void insert(String eventId, Instant at) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, CONSUMER).setParameter(2, eventId).setParameter(3, at).executeUpdate())));
    }

    private static long count(String eventIdLike) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("SELECT COUNT(*) FROM processed_event WHERE consumer = ?1 AND event_id LIKE ?2", Long.class)
                .setParameter(1, CONSUMER).setParameter(2, eventIdLike).getSingleResult())));
    }
}
