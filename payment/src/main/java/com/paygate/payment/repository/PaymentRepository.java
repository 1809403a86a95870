package com.paygate.payment.repository;

import com.paygate.payment.domain.Channel;
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

    /**
     * The columns Payment maps, named rather than {@code *}: Hibernate caches a native query's column positions, so a
     * migration adding a column under running replicas (rolling deploy) would break {@code SELECT *} until restart.
     * Keep in step with {@link Payment}.
     */
    private static final String COLUMNS = "id, pay_sn, order_sn, user_id, channel, provider, amount_fen, subject, state,"
            + " state_desc, version, transaction_id, prepay_id, prepay_url, prepay_expire_at, expire_at, paid_at,"
            + " refunded_fen, last_queried_at, created_at, updated_at";

    private static final List<PaymentState> OPEN = List.of(PaymentState.NOTPAY, PaymentState.USERPAYING, PaymentState.PAYERROR);

    public Uni<Payment> findByPaySn(String paySn) {
        return find("paySn", paySn).firstResult();
    }

    /** Row-locked read: concurrent callbacks for one payment apply one after the other. */
    public Uni<Payment> lockByPaySn(String paySn) {
        return find("paySn", paySn).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<List<Payment>> byOrder(String orderSn, String userId) {
        return list("orderSn = ?1 and userId = ?2 order by createdAt desc", orderSn, userId);
    }

    public Uni<List<Payment>> openByOrderAndChannel(String orderSn, Channel channel) {
        return list("orderSn = ?1 and channel = ?2 and state = ?3 order by createdAt desc", orderSn, channel, PaymentState.NOTPAY);
    }

    public Uni<Long> countPaid(String orderSn) {
        return count("orderSn = ?1 and state in ?2", orderSn, List.of(PaymentState.SUCCESS, PaymentState.REFUND));
    }

    public Uni<List<Payment>> openByOrder(String orderSn) {
        return list("orderSn = ?1 and state in ?2", orderSn, OPEN);
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

    /**
     * Claims a batch for a job: rows locked with SKIP LOCKED so replicas take disjoint rows, then leased through
     * last_queried_at so the next run (here or elsewhere) leaves them alone for {@code lease}.
     */
    public Uni<List<Payment>> claimBatch(String where, Instant now, Duration lease, int limit, Object... whereParams) {
        int leaseParam = whereParams.length + 1;
        String sql = "SELECT " + COLUMNS + " FROM payment WHERE " + where + " AND (last_queried_at IS NULL OR last_queried_at < ?" + leaseParam
                + ") ORDER BY id LIMIT " + limit + " FOR UPDATE SKIP LOCKED";
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Payment.class);
            for (int i = 0; i < whereParams.length; i++) {
                query.setParameter(i + 1, whereParams[i]);
            }
            return query.setParameter(leaseParam, now.minus(lease)).getResultList()
                    .invoke(rows -> rows.forEach(p -> p.lastQueriedAt = now));
        }));
    }
}
