package com.paygate.payment.repository;

import com.paygate.eventing.claim.RowClaim;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class PaymentRepository implements PanacheRepository<Payment> {

    public Uni<Payment> findByPaySn(String paySn) {
        return find("paySn", paySn).firstResult();
    }

    /** Row-locked read: concurrent callbacks for one payment apply one after the other. */
    public Uni<Payment> lockByPaySn(String paySn) {
        return find("paySn", paySn).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    // Order numbers are a business line's own: every lookup by order names the line (appId) too.

    public Uni<List<Payment>> byOrder(String appId, String orderSn, String userId) {
        return list("appId = ?1 and orderSn = ?2 and userId = ?3 order by createdAt desc", appId, orderSn, userId);
    }

    /** The order's open payments (NOTPAY, USERPAYING, PAYERROR: the provider may still report them paid), newest first. */
    public Uni<List<Payment>> openByOrderNewestFirst(String appId, String orderSn) {
        return list("appId = ?1 and orderSn = ?2 and state in ?3 order by createdAt desc", appId, orderSn, PaymentState.open());
    }

    public Uni<Long> countPaid(String appId, String orderSn) {
        return count("appId = ?1 and orderSn = ?2 and state in ?3", appId, orderSn, PaymentState.paid());
    }

    public Uni<List<Payment>> openByOrder(String appId, String orderSn) {
        return list("appId = ?1 and orderSn = ?2 and state in ?3", appId, orderSn, PaymentState.open());
    }

    /**
     * Claims the right to query one payment now: succeeds for one caller per interval, on any replica, because the
     * conditional UPDATE is atomic in the database.
     */
    public Uni<Boolean> claimQuery(long id, Instant now, Duration interval) {
        return Panache.withTransaction(() -> update(
                "lastQueriedAt = ?1 where id = ?2 and (lastQueriedAt is null or lastQueriedAt < ?3)",
                now, id, now.minus(interval)).map(rows -> rows == 1));
    }

    /** Claims unpaid payments past their expiry, for the closing job (see {@link #leased}). */
    public Uni<List<Payment>> claimExpired(Instant now, Duration lease, int limit) {
        return leased("state IN (" + PaymentState.sqlList(PaymentState.open()) + ") AND expire_at < ?1",
                new Object[] {now}, now, lease, limit);
    }

    /**
     * Claims payments waiting longer than {@code after} for their notification and not yet expired (those are the
     * closing job's), for the query job; leased for {@code after}, like a poll.
     */
    public Uni<List<Payment>> claimOverdue(Instant now, Duration after, int limit) {
        return leased("state IN (" + PaymentState.sqlList(PaymentState.awaitingPayer()) + ")"
                + " AND prepay_expire_at IS NOT NULL AND created_at < ?1 AND expire_at > ?2",
                new Object[] {now.minus(after), now}, now, after, limit);
    }

    /**
     * The payment jobs' claim ({@link RowClaim}): rows matching {@code where} whose lease (last_queried_at) is older
     * than {@code lease}, leased by setting it to {@code now}. Never-tried rows first (NULL sorts first), then the
     * least recently tried: rows that keep failing at the provider go to the back instead of filling every batch.
     */
    private static Uni<List<Payment>> leased(String where, Object[] whereParams, Instant now, Duration lease, int limit) {
        Object[] params = java.util.Arrays.copyOf(whereParams, whereParams.length + 1);
        params[whereParams.length] = now.minus(lease);
        return RowClaim.of("payment", Payment.class)
                .candidates(where + " AND (last_queried_at IS NULL OR last_queried_at < ?" + params.length + ")", params)
                .orderBy("last_queried_at, id").limit(limit)
                .lease("last_queried_at = ?1", now)
                .claim();
    }
}
