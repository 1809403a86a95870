package com.paygate.payment.service;

import com.paygate.eventing.outbox.Outbox;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.domain.Refund;
import com.paygate.payment.domain.RefundState;
import com.paygate.payment.domain.RefundStateMachine;
import com.paygate.payment.domain.RefundTransition;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.event.PaymentEvent;
import com.paygate.payment.event.RefundEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The one way a refund changes state. Call inside a transaction holding the row locks of the payment and then the
 * refund: the state machine decides, @Version makes the update conditional, a refund_transition row records it.
 * On SUCCESS, in the same transaction: the payment's refunded total grows, a paid payment moves to REFUND
 * (through PaymentTransitions) and REFUND_SUCCEEDED goes to the outbox. On CLOSED (refused or closed by the
 * provider), REFUND_FAILED goes to the outbox, so the order does not wait for money that will not come.
 */
@ApplicationScoped
public class RefundTransitions {

    private static final Logger LOG = Logger.getLogger(RefundTransitions.class);

    public enum Outcome { APPLIED, UNCHANGED, ILLEGAL }

    private final PaymentTransitions payments;
    private final Outbox outbox;
    private final MeterRegistry metrics;

    public RefundTransitions(PaymentTransitions payments, Outbox outbox, MeterRegistry metrics) {
        this.payments = payments;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    public Uni<Outcome> apply(Payment payment, Refund refund, RefundState to, TransitionSource source, String stateDesc,
            String providerRefundId, Instant succeededAt) {
        RefundState from = refund.state;
        if (providerRefundId != null && refund.providerRefundId == null) {
            refund.providerRefundId = providerRefundId;
        }
        if (from == to) {
            return Uni.createFrom().item(Outcome.UNCHANGED);
        }
        if (!RefundStateMachine.allows(from, to)) {
            LOG.warnf("Illegal refund transition %s -> %s for %s (source %s) rejected", from, to, refund.refundSn, source);
            metrics.counter("payment.refund.transitions.rejected", "from", from.name(), "to", to.name()).increment();
            return Uni.createFrom().item(Outcome.ILLEGAL);
        }
        Instant now = Instant.now();
        refund.state = to;
        refund.stateDesc = stateDesc;
        refund.updatedAt = now;
        RefundTransition log = new RefundTransition();
        log.refundSn = refund.refundSn;
        log.from = from;
        log.to = to;
        log.source = source;
        log.at = now;
        metrics.counter("payment.refund.transitions", "to", to.name(), "source", source.name()).increment();
        LOG.infof("Refund %s of %s %s -> %s (%s)", refund.refundSn, refund.paySn, from, to, source);
        Uni<?> effects = log.persist();
        if (to == RefundState.SUCCESS) {
            refund.succeededAt = succeededAt != null ? succeededAt : now;
            payment.refundedFen += refund.amountFen;
            payment.updatedAt = now;
            effects = effects.chain(() -> payment.state == PaymentState.SUCCESS
                    ? payments.apply(payment, PaymentState.REFUND, source, "refunded", null, null)
                    : Uni.createFrom().voidItem())
                    .chain(() -> announce(RefundEvent.SUCCEEDED, payment, refund, now));
        } else if (to == RefundState.CLOSED) {
            effects = effects.chain(() -> announce(RefundEvent.FAILED, payment, refund, now));
        }
        return effects.replaceWith(Outcome.APPLIED);
    }

    private Uni<?> announce(String type, Payment p, Refund r, Instant now) {
        String eventId = UUID.randomUUID().toString();
        return outbox.enqueue(PaymentEvent.TOPIC, p.orderSn, eventId, type, new RefundEvent(eventId,
                type, now, p.orderSn, p.paySn, p.userId, p.amountFen, p.refundedFen, r.amountFen, r.refundSn));
    }
}
