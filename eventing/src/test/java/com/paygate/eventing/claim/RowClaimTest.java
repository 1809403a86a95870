package com.paygate.eventing.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.eventing.outbox.OutboxEvent;
import com.paygate.testing.Topics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The one claim helper every job uses, against the real database, on the outbox table. The rows here are due in
 * the year 2100, so the application's own relay (which claims at the real "now") never sees them.
 */
@QuarkusTest
@TestProfile(RowClaimTest.RelayAsleep.class)
class RowClaimTest {

    public static class RelayAsleep implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paygate.outbox.poll-interval", "1h",
                    "mp.messaging.outgoing.outbox.bootstrap.servers", Topics.bootstrapServers());
        }
    }

    static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

    @Test
    void concurrentLocksTakeEachRowOnce() throws Exception {
        String batch = UUID.randomUUID().toString();
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            mine.add(insert(batch, "CLAIM_ME"));
        }
        List<CompletableFuture<List<Long>>> claims = new ArrayList<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        for (int i = 0; i < 3; i++) {
            claims.add(held(() -> claimOf(batch, "CLAIM_ME").lock(), release));
        }
        Set<Long> won = new HashSet<>();
        int total = 0;
        try {
            for (CompletableFuture<List<Long>> claim : claims) {
                List<Long> ids = claim.get(30, TimeUnit.SECONDS);
                won.addAll(ids);
                total += ids.size();
            }
        } finally {
            release.complete(null);
        }
        assertEquals(Set.copyOf(mine), won, "every row claimed");
        assertEquals(mine.size(), total, "each by one claimer only, though all three read them as candidates");
    }

    @Test
    void aLockInProgressHoldsOnlyTheRowsItTook() throws Exception {
        String batch = UUID.randomUUID().toString();
        long taken = insert(batch, "CLAIM_ME");
        long other = insert(batch, "NOT_ME");
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<List<Long>> claim = held(() -> claimOf(batch, "CLAIM_ME").lock(), release);
        try {
            assertEquals(List.of(taken), claim.get(30, TimeUnit.SECONDS));
            assertThrows(IllegalStateException.class, () -> lockNowait(taken), "what the claim took stays locked");
            lockNowait(other); // the row next to it is free for any other job
        } finally {
            release.complete(null);
        }
    }

    @Test
    void aClaimLeasesWhatItWonAndTheRowsShowTheLease() {
        String batch = UUID.randomUUID().toString();
        long row = insert(batch, "CLAIM_ME");
        Instant leaseEnd = FAR.plusSeconds(3600);
        List<OutboxEvent> won = await(() -> claimOf(batch, "CLAIM_ME").lease("next_attempt_at = ?1", leaseEnd).claim());
        assertEquals(List.of(row), won.stream().map(e -> e.id).toList());
        assertEquals(leaseEnd, won.get(0).nextAttemptAt, "the entity carries the lease it holds");
        // The lease moved the row out of the condition: a second claim finds nothing.
        List<OutboxEvent> again = await(() -> RowClaim.of("outbox_event", OutboxEvent.class)
                .candidates("msg_key = ?1 AND next_attempt_at < ?2", batch, leaseEnd)
                .lease("next_attempt_at = ?1", leaseEnd.plusSeconds(1)).claim());
        assertTrue(again.isEmpty(), "a leased row is not claimed again");
    }

    private static RowClaim<OutboxEvent> claimOf(String batch, String type) {
        return RowClaim.of("outbox_event", OutboxEvent.class)
                .candidates("msg_key = ?1 AND event_type = ?2 AND next_attempt_at >= ?3", batch, type, FAR)
                .orderBy("id").limit(10);
    }

    /** Runs {@code lock} in a transaction kept open until {@code release}; completes with the ids it locked. */
    private static CompletableFuture<List<Long>> held(Supplier<Uni<List<OutboxEvent>>> lock, CompletableFuture<Void> release) {
        CompletableFuture<List<Long>> taken = new CompletableFuture<>();
        new Thread(() -> {
            try {
                VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> lock.get()
                        .invoke(rows -> taken.complete(rows.stream().map(e -> e.id).toList()))
                        .chain(rows -> Uni.createFrom().<Void>emitter(done -> {
                            Context context = Vertx.currentContext();
                            release.thenRun(() -> context.runOnContext(ignored -> done.complete(null)));
                        }))));
            } catch (Throwable e) {
                taken.completeExceptionally(e);
            }
        }).start();
        return taken;
    }

    private static long insert(String key, String type) {
        return await(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO outbox_event (event_id, topic, msg_key, event_type, payload, created_at,"
                        + " next_attempt_at) VALUES (?1, 'row-claim-test', ?2, ?3, '{}', UTC_TIMESTAMP(3), ?4)")
                .setParameter(1, UUID.randomUUID().toString()).setParameter(2, key).setParameter(3, type)
                .setParameter(4, FAR.plusSeconds(1))
                .executeUpdate()
                .chain(() -> session.createNativeQuery("SELECT LAST_INSERT_ID()", Long.class).getSingleResult()))));
    }

    /** SELECT ... FOR UPDATE NOWAIT: fails at once when another transaction holds the row. */
    private static void lockNowait(long id) {
        await(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT id FROM outbox_event WHERE id = ?1 FOR UPDATE NOWAIT", Long.class)
                .setParameter(1, id)
                .getSingleResult())));
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
