package com.paygate.payment.repository;

import com.paygate.eventing.claim.RowClaim;
import com.paygate.payment.domain.Refund;
import com.paygate.payment.domain.RefundState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

@ApplicationScoped
public class RefundRepository implements PanacheRepository<Refund> {

    private static final List<RefundState> HOLDING = Arrays.stream(RefundState.values()).filter(RefundState::holdsAmount).toList();

    public Uni<Refund> findByRefundSn(String refundSn) {
        return find("refundSn", refundSn).firstResult();
    }

    /** Row-locked read; callers lock the payment first (payment, then refund: one lock order everywhere). */
    public Uni<Refund> lockByRefundSn(String refundSn) {
        return find("refundSn", refundSn).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /**
     * The payment's refund created under an operator's Idempotency-Key, or null. A plain (consistent) read: callers
     * hold the payment's row lock, taken by the transaction's first statement, so it sees every committed refund.
     */
    public Uni<Refund> findByIdempotencyKey(String paySn, String idempotencyKey) {
        return find("paySn = ?1 and idempotencyKey = ?2", paySn, idempotencyKey).firstResult();
    }

    public Uni<List<Refund>> byPayment(String paySn) {
        return list("paySn = ?1 order by id", paySn);
    }

    /** What the payment's refunds hold (all but CLOSED ones). Read under the payment's row lock to be exact. */
    public Uni<Long> heldFen(String paySn) {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select coalesce(sum(r.amountFen), 0) from Refund r where r.paySn = ?1 and r.state in ?2", Long.class)
                .setParameter(1, paySn)
                .setParameter(2, HOLDING)
                .getSingleResult());
    }

    /** When the oldest PROCESSING refund was created; null when none is. */
    public Uni<Instant> oldestProcessing() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createSelectionQuery("select min(r.createdAt) from Refund r where r.state = ?1", Instant.class)
                .setParameter(1, RefundState.PROCESSING)
                .getSingleResult()));
    }

    /**
     * Claims PROCESSING refunds unchanged for {@code after} (notification lost, provider call timed out), leased
     * through last_queried_at like the payment jobs' rows ({@link RowClaim}).
     */
    public Uni<List<Refund>> claimStuck(Instant now, Duration after, int limit) {
        return RowClaim.of("refund", Refund.class)
                .candidates("state = 'PROCESSING' AND updated_at < ?1 AND (last_queried_at IS NULL OR last_queried_at < ?2)",
                        now.minus(after), now.minus(after))
                .orderBy("last_queried_at, id").limit(limit)
                .lease("last_queried_at = ?1", now)
                .claim();
    }
}
