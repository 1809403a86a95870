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
 * rows from each other. Claims run "in the future" on rows leased now, so the scheduled jobs of this very
 * application leave the rows alone meanwhile.
 */
@QuarkusTest
@QuarkusTestResource(OrderServiceDouble.class)
@QuarkusTestResource(SandboxResource.class)
class JobClaimsTest {

    private static final Duration LEASE = Duration.ofSeconds(3);

    @Inject
    PaymentRepository repository;

    /** The claims above lease whatever else matched into the future too: hand those rows back to the jobs. */
    @AfterEach
    void endFutureLeases() {
        Db.update("lastQueriedAt = null where lastQueriedAt > ?1", Instant.now());
    }

    @Test
    void concurrentClaimersWinEachExpiredPaymentExactlyOnce() throws Throwable {
        Instant now = Instant.now();
        List<String> mine = IntStream.range(0, 8).mapToObj(i -> Api.nativePayment(100 + i)[2]).toList();
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
        Instant now = Instant.now();
        String overdue = Api.nativePayment(300)[2];
        String expired = Api.nativePayment(301)[2];
        Db.update("lastQueriedAt = ?1 where paySn = ?2", now, overdue);
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
        Instant now = Instant.now();
        Instant later = now.plusSeconds(30);
        // Created in this order, so by id the most recently tried one would come first. Their leases all lie ahead
        // of now, so this application's own scheduled jobs leave them alone while the test runs.
        String triedRecently = Api.nativePayment(501)[2];
        String triedEarlier = Api.nativePayment(502)[2];
        String triedEarliest = Api.nativePayment(503)[2];
        // Every other expired row is leased past "later" for the moment (endFutureLeases hands them back).
        Db.update("lastQueriedAt = ?1 where state in ?2 and expireAt < ?3", later.plusSeconds(60),
                List.of(PaymentState.NOTPAY, PaymentState.USERPAYING, PaymentState.PAYERROR), later);
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
