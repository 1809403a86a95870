package com.paygate.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.repository.PaymentRepository;
import com.paygate.payment.support.Api;
import com.paygate.payment.support.Db;
import com.paygate.payment.support.OrderServiceDouble;
import com.paygate.testing.SandboxResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the payment jobs claim rows, against the real database: each row is won by exactly one claimer, and a claim
 * in progress locks nothing it did not win, so the expiry job and the query job (which fire together) never hide
 * rows from each other.
 *
 * <p>The table is shared with every other test (and earlier runs), so the claims here run in the year 2001: this
 * test's rows are dated then (expiry, creation, leases), every other row lies decades later and matches no claim
 * made at a 2001 "now". No other row is read, leased or rewritten. The application's own jobs are off for this
 * class, so nothing but the claims under test touches the rows.
 */
@QuarkusTest
@TestProfile(JobClaimsTest.NoScheduledJobs.class)
@QuarkusTestResource(OrderServiceDouble.class)
@QuarkusTestResource(SandboxResource.class)
class JobClaimsTest {

    public static class NoScheduledJobs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.scheduler.enabled", "false");
        }
    }

    private static final Duration LEASE = Duration.ofSeconds(3);
    /** "Now" for the claims under test: before every row but this test's own. */
    private static final Instant NOW = Instant.parse("2001-01-01T00:00:00Z");

    @Inject
    PaymentRepository repository;

    /** This test's payments, dated in 2001. */
    private final List<String> created = new ArrayList<>();

    /** Out of every claim's reach afterwards, so no later test or run finds them (only this test's rows). */
    @AfterEach
    void retireOwnRows() {
        if (!created.isEmpty()) {
            Db.update("state = ?1, expireAt = ?2, lastQueriedAt = null where paySn in ?3", PaymentState.CLOSED,
                    Instant.now(), created);
        }
    }

    private String payment(long amountFen) {
        String paySn = Api.nativePayment(amountFen)[2];
        created.add(paySn);
        return paySn;
    }

    @Test
    void concurrentClaimersWinEachExpiredPaymentExactlyOnce() throws Throwable {
        Instant now = NOW;
        List<String> mine = IntStream.range(0, 8).mapToObj(i -> payment(100 + i)).toList();
        for (String paySn : mine) {
            Db.update("expireAt = ?1, lastQueriedAt = ?2 where paySn = ?3", now.minusSeconds(60), now, paySn);
        }
        Instant later = now.plusSeconds(30);

        List<CompletableFuture<List<Payment>>> claims = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<List<Payment>> claim = new CompletableFuture<>();
            new Thread(() -> {
                try {
                    claim.complete(VertxContextSupport.subscribeAndAwait(() -> repository.claimExpired(later, LEASE, 500)));
                } catch (Throwable e) {
                    claim.completeExceptionally(e);
                }
            }).start();
            claims.add(claim);
        }
        Set<String> won = new HashSet<>();
        int total = 0;
        for (CompletableFuture<List<Payment>> claim : claims) {
            for (Payment p : claim.get(30, TimeUnit.SECONDS)) {
                if (mine.contains(p.paySn)) {
                    won.add(p.paySn);
                    total++;
                    assertTrue(Math.abs(p.lastQueriedAt.toEpochMilli() - later.toEpochMilli()) <= 1, "leased by the claim");
                }
            }
        }
        assertEquals(Set.copyOf(mine), won, "every expired payment claimed");
        assertEquals(mine.size(), total, "and each by one claimer only");
        // Within the lease nobody wins them again.
        List<Payment> again = VertxContextSupport.subscribeAndAwait(() -> repository.claimExpired(later.plusSeconds(1), LEASE, 500));
        assertTrue(again.stream().noneMatch(p -> mine.contains(p.paySn)));
    }

    @Test
    void aClaimInProgressLocksOnlyWhatItWon() throws Throwable {
        Instant now = NOW;
        String overdue = payment(300);
        String expired = payment(301);
        // Waiting for its notification since long before "now", not expired (its expiry is real, decades later).
        Db.update("createdAt = ?1, lastQueriedAt = ?2 where paySn = ?3", now.minusSeconds(600), now, overdue);
        Db.update("expireAt = ?1, lastQueriedAt = ?2 where paySn = ?3", now.minusSeconds(60), now, expired);
        Instant later = now.plusSeconds(30);

        // The query job's claim, held open inside a transaction until released.
        CompletableFuture<List<Payment>> held = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        Thread holder = new Thread(() -> {
            try {
                VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> repository
                        .claimOverdue(later, Duration.ofSeconds(1), 500)
                        .invoke(held::complete)
                        .chain(rows -> Uni.createFrom().<Void>emitter(done -> {
                            Context context = Vertx.currentContext();
                            release.thenRun(() -> context.runOnContext(ignored -> done.complete(null)));
                        }))));
            } catch (Throwable e) {
                held.completeExceptionally(e);
            }
        });
        holder.start();
        try {
            List<Payment> won = held.get(30, TimeUnit.SECONDS);
            assertTrue(won.stream().anyMatch(p -> p.paySn.equals(overdue)), "the overdue payment was claimed");
            assertTrue(won.stream().noneMatch(p -> p.paySn.equals(expired)), "the expired one is not the query job's");

            assertThrows(IllegalStateException.class, () -> lockNowait(overdue), "what the claim won stays locked until it ends");
            lockNowait(expired); // everything else is free: the expiry job can take it now
            List<Payment> expiry = VertxContextSupport.subscribeAndAwait(() -> repository.claimExpired(later, LEASE, 500));
            assertTrue(expiry.stream().anyMatch(p -> p.paySn.equals(expired)), "the expiry job's claim is not hidden");
        } finally {
            release.complete(null);
            holder.join(30_000);
        }
    }

    @Test
    void theLeastRecentlyTriedRowsComeFirst() throws Throwable {
        Instant now = NOW;
        Instant later = now.plusSeconds(30);
        // Created in this order, so by id the most recently tried one would come first.
        String triedRecently = payment(501);
        String triedEarlier = payment(502);
        String triedEarliest = payment(503);
        Db.update("expireAt = ?1, lastQueriedAt = ?2 where paySn = ?3", now.minusSeconds(60), now.plusSeconds(20), triedRecently);
        Db.update("expireAt = ?1, lastQueriedAt = ?2 where paySn = ?3", now.minusSeconds(60), now.plusSeconds(12), triedEarlier);
        Db.update("expireAt = ?1, lastQueriedAt = ?2 where paySn = ?3", now.minusSeconds(60), now.plusSeconds(8), triedEarliest);

        // Rows that keep failing are re-tried every run; ordered by id they would fill every batch ahead of others.
        List<Payment> batch = VertxContextSupport.subscribeAndAwait(() -> repository.claimExpired(later, LEASE, 2));
        assertEquals(Set.of(triedEarliest, triedEarlier), batch.stream().map(p -> p.paySn).collect(Collectors.toSet()));
    }

    /** SELECT ... FOR UPDATE NOWAIT: fails at once (instead of waiting) when another transaction holds the row. */
    private static void lockNowait(String paySn) {
        Db.tx(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT id FROM payment WHERE pay_sn = ?1 FOR UPDATE NOWAIT", Long.class)
                .setParameter(1, paySn)
                .getSingleResult()));
    }
}
