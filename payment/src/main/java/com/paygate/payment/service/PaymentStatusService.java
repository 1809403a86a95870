package com.paygate.payment.service;

import com.paygate.common.error.ApiException;
import com.paygate.payment.config.PaymentConfig;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.provider.ProviderRegistry;
import com.paygate.payment.repository.PaymentRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Reading a payment, and settling it at the provider when its notification is late: a payment NOTPAY for longer
 * than payment.active-query-after is queried (one query per interval per payment across replicas) and the answer
 * goes through the same path as a callback.
 */
@ApplicationScoped
public class PaymentStatusService {

    private static final Logger LOG = Logger.getLogger(PaymentStatusService.class);

    private final PaymentRepository payments;
    private final ProviderRegistry providers;
    private final PaymentUpdates updates;
    private final PaymentConfig config;

    public PaymentStatusService(PaymentRepository payments, ProviderRegistry providers, PaymentUpdates updates,
            PaymentConfig config) {
        this.payments = payments;
        this.providers = providers;
        this.updates = updates;
        this.config = config;
    }

    /** The payment of this business line and payer, queried first when it waits too long; 404 for anyone else's. */
    public Uni<Payment> get(String paySn, String appId, String userId) {
        return Panache.withSession(() -> payments.findByPaySn(paySn)).chain(p -> {
            if (p == null || !p.appId.equals(appId) || !p.userId.equals(userId)) {
                throw ApiException.notFound("PAYMENT_NOT_FOUND", "payment not found");
            }
            Instant now = Instant.now();
            if (!queryDue(p, now)) {
                // The common case (every waiting front end polls every few seconds): a read, no write.
                return Uni.createFrom().item(p);
            }
            return payments.claimQuery(p.id, now, config.activeQueryAfter())
                    .chain(claimed -> !claimed ? Uni.createFrom().item(p)
                            : queryAndApply(p, TransitionSource.POLL).chain(() -> Panache.withSession(() -> payments.findByPaySn(paySn))));
        });
    }

    /**
     * Waiting for longer than active-query-after, and not queried within that interval (as far as this read
     * tells; the conditional claim decides between replicas).
     */
    private boolean queryDue(Payment p, Instant now) {
        boolean waiting = p.state.isAwaitingPayer();
        Instant cutoff = now.minus(config.activeQueryAfter());
        return waiting && p.createdAt.isBefore(cutoff) && (p.lastQueriedAt == null || p.lastQueriedAt.isBefore(cutoff));
    }

    /** Queries the provider and applies its answer; a failed query changes nothing (the next poll or job retries). */
    public Uni<Void> queryAndApply(Payment p, TransitionSource source) {
        return providers.byId(p.provider)
                .map(provider -> provider.query(p)
                        .chain(status -> updates.apply(status, source))
                        .invoke(result -> LOG.debugf("Query of %s: %s", p.paySn, result))
                        .replaceWithVoid()
                        .onFailure().recoverWithUni(f -> {
                            LOG.warnf("Query of %s failed: %s", p.paySn, f.getMessage());
                            return Uni.createFrom().voidItem();
                        }))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }
}
