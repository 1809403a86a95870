package com.paygate.payment.service;

import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.provider.PaymentProvider;
import com.paygate.payment.provider.ProviderRegistry;
import com.paygate.payment.repository.PaymentRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Closes an open payment: asks the provider first (a payment the provider reports paid becomes SUCCESS, never
 * CLOSED), closes it there, then marks it CLOSED. Every step is idempotent, so a failed close is simply retried.
 */
@ApplicationScoped
public class PaymentCloser {

    private static final Logger LOG = Logger.getLogger(PaymentCloser.class);

    private final ProviderRegistry providers;
    private final PaymentUpdates updates;
    private final PaymentTransitions transitions;
    private final PaymentRepository payments;

    public PaymentCloser(ProviderRegistry providers, PaymentUpdates updates, PaymentTransitions transitions,
            PaymentRepository payments) {
        this.providers = providers;
        this.updates = updates;
        this.transitions = transitions;
        this.payments = payments;
    }

    public Uni<Void> close(Payment payment, TransitionSource source) {
        PaymentProvider provider = providers.byId(payment.provider).orElse(null);
        if (provider == null) {
            LOG.warnf("Cannot close %s: provider %s not enabled", payment.paySn, payment.provider);
            return Uni.createFrom().voidItem();
        }
        return provider.query(payment).chain(status -> {
            if (status.notFound()) {
                // The provider never created it (prepay failed): nothing to close there.
                return markClosed(payment.paySn, source);
            }
            if (status.state() != null && status.state().isPaid()) {
                return updates.apply(status, TransitionSource.QUERY).replaceWithVoid();
            }
            if (status.state() == PaymentState.CLOSED) {
                // Already closed there (some providers refuse to close twice): only our side is left.
                return markClosed(payment.paySn, source);
            }
            return provider.close(payment).chain(() -> markClosed(payment.paySn, source));
        }).onFailure().recoverWithUni(f -> {
            LOG.warnf("Close of %s failed, will retry: %s", payment.paySn, f.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> markClosed(String paySn, TransitionSource source) {
        return Panache.withTransaction(() -> payments.lockByPaySn(paySn)
                .chain(p -> transitions.apply(p, PaymentState.CLOSED, source, "closed", null, null)))
                .replaceWithVoid();
    }

}
