package com.paygate.payment.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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
