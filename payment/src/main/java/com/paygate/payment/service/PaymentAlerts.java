package com.paygate.payment.service;

import com.paygate.payment.domain.PaymentAlert;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Records what a human must look at: a row, a WARN line and a counter. Runs in its own transaction. */
@ApplicationScoped
public class PaymentAlerts {

    private static final Logger LOG = Logger.getLogger(PaymentAlerts.class);

    private final MeterRegistry metrics;

    public PaymentAlerts(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public Uni<Void> raise(String paySn, String kind, String detail) {
        LOG.warnf("Payment alert %s for %s: %s", kind, paySn, detail);
        metrics.counter("payment.alerts", "kind", kind).increment();
        PaymentAlert alert = new PaymentAlert();
        alert.paySn = paySn;
        alert.kind = kind;
        alert.detail = detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        alert.createdAt = Instant.now();
        return Panache.withTransaction(alert::persist).replaceWithVoid();
    }
}
