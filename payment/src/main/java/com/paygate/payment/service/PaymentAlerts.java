package com.paygate.payment.service;

import com.paygate.common.error.ApiException;
import com.paygate.payment.domain.PaymentAlert;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Records what a human must look at: a row, a WARN line and a counter, once per payment, kind and subject (the
 * refund, for refund alerts). A repeat of the same alert (the provider re-delivering what we refused) only counts on
 * the existing row, at DEBUG, so one bad payment is one alert, not fifteen. Runs in the caller's transaction if
 * there is one, else its own. Failing to record an alert never fails what raised it: it is logged at ERROR.
 */
@ApplicationScoped
public class PaymentAlerts {

    private static final Logger LOG = Logger.getLogger(PaymentAlerts.class);

    // MariaDB answers 1 affected row for an insert and 2 for an update of the existing (pay_sn, kind) row.
    private static final String UPSERT = "INSERT INTO payment_alert (pay_sn, kind, subject, detail, created_at, occurrences, last_seen_at)"
            + " VALUES (?1, ?2, ?5, ?3, ?4, 1, ?4)"
            + " ON DUPLICATE KEY UPDATE occurrences = occurrences + 1, last_seen_at = VALUES(last_seen_at)";

    private final MeterRegistry metrics;

    public PaymentAlerts(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /** Newest first (by last_seen_at); each filter optional. */
    public Uni<List<PaymentAlert>> list(String kind, PaymentAlert.State state, String paySn, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (kind != null) {
            where.append(" and kind = :kind");
            params.put("kind", kind);
        }
        if (state != null) {
            where.append(" and state = :state");
            params.put("state", state);
        }
        if (paySn != null) {
            where.append(" and paySn = :paySn");
            params.put("paySn", paySn);
        }
        return Panache.withSession(() -> PaymentAlert.<PaymentAlert>find(where + " order by lastSeenAt desc, id desc", params)
                .page(0, limit).list());
    }

    /**
     * Marks an alert handled by {@code operator}. The first acknowledgement stands: acknowledging again answers the
     * alert as it is (a double click changes nothing). Fails with 404 ALERT_NOT_FOUND for an unknown id.
     */
    public Uni<PaymentAlert> acknowledge(long id, String operator, String note) {
        return Panache.withTransaction(() -> PaymentAlert.update("state = ?1, acknowledgedAt = ?2, acknowledgedBy = ?3, note = ?4"
                        + " where id = ?5 and state = ?6", PaymentAlert.State.ACKNOWLEDGED, Instant.now(), operator, note, id,
                        PaymentAlert.State.OPEN)
                .chain(() -> PaymentAlert.<PaymentAlert>findById(id)))
                .invoke(alert -> {
                    if (alert == null) {
                        throw ApiException.notFound("ALERT_NOT_FOUND", "no payment alert " + id);
                    }
                });
    }

    public Uni<Void> raise(String paySn, String kind, String detail) {
        return raise(paySn, kind, "", detail);
    }

    /** An alert about one thing of the payment ({@code subject}: a refund number), counted apart from its others. */
    public Uni<Void> raise(String paySn, String kind, String subject, String detail) {
        String bounded = detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                        .setParameter(1, paySn)
                        .setParameter(2, kind)
                        .setParameter(3, bounded)
                        .setParameter(4, Instant.now())
                        .setParameter(5, subject == null ? "" : subject.length() > 64 ? subject.substring(0, 64) : subject)
                        .executeUpdate()))
                .invoke(affected -> {
                    if (affected == 1 || paySn == null) {
                        LOG.warnf("Payment alert %s for %s: %s", kind, paySn, bounded);
                        metrics.counter("payment.alerts", "kind", kind).increment();
                    } else {
                        LOG.debugf("Payment alert %s for %s repeated: %s", kind, paySn, bounded);
                        metrics.counter("payment.alerts.repeated", "kind", kind).increment();
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(f -> {
                    LOG.errorf(f, "Payment alert %s for %s could not be recorded: %s", kind, paySn, bounded);
                    return Uni.createFrom().voidItem();
                });
    }
}
