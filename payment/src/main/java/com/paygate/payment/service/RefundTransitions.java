package com.paygate.payment.service;

import com.paygate.eventing.outbox.Outbox;
import com.paygate.eventing.transition.Transition;
import com.paygate.eventing.transition.TransitionEngine;
import com.paygate.eventing.transition.TransitionOutcome;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.domain.Refund;
import com.paygate.payment.domain.RefundState;
import com.paygate.payment.domain.RefundStateMachine;
import com.paygate.payment.domain.RefundTransition;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.event.PaymentEvent;
import com.paygate.payment.event.RefundEvent;
import com.paygate.payment.webhook.Webhooks;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * The one way a refund changes state: {@link TransitionEngine} over {@link RefundStateMachine}. Call inside a
 * transaction holding the row locks of the payment and then the refund. What is the refund's own, in the same
 * transaction: on SUCCESS the payment's refunded total grows, a paid payment moves to REFUND (through
 * {@link PaymentTransitions}) and REFUND_SUCCEEDED goes to the outbox; on CLOSED (refused or closed by the
 * provider) REFUND_FAILED goes to the outbox, so the order does not wait for money that will not come. An app's
 * refunds are announced by webhook instead (refund.succeeded, refund.failed).
 */
@ApplicationScoped
public class RefundTransitions {

    private final PaymentTransitions payments;
    private final Outbox outbox;
    private final Webhooks webhooks;
    private final TransitionEngine<Refund, RefundState, RefundState> engine;

    public RefundTransitions(PaymentTransitions payments, Outbox outbox, Webhooks webhooks, MeterRegistry metrics) {
        this.payments = payments;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.engine = TransitionEngine.<Refund, RefundState, RefundState>builder(RefundStateMachine.TABLE)
                .entity(r -> r.refundSn, r -> r.state)
                .enter((r, t) -> {
                    r.state = t.to();
                    r.updatedAt = t.at();
                })
                .audit(RefundTransitions::record)
                .metrics(metrics, "payment.refund.transitions")
                .build();
    }

    public Uni<TransitionOutcome> apply(Payment payment, Refund refund, RefundState to, TransitionSource source,
            String stateDesc, String providerRefundId, Instant succeededAt) {
        if (providerRefundId != null && refund.providerRefundId == null) {
            refund.providerRefundId = providerRefundId;
        }
        return engine.apply(refund, to, source.name(), stateDesc, (r, t) -> {
            r.stateDesc = stateDesc;
            if (to == RefundState.SUCCESS) {
                r.succeededAt = succeededAt != null ? succeededAt : t.at();
            }
        }).call(outcome -> outcome == TransitionOutcome.APPLIED ? settle(payment, refund, source) : Uni.createFrom().voidItem());
    }

    /** What an applied refund move does to its payment and who hears of it. */
    private Uni<?> settle(Payment payment, Refund refund, TransitionSource source) {
        Instant now = refund.updatedAt;
        if (refund.state == RefundState.SUCCESS) {
            payment.refundedFen += refund.amountFen;
            payment.updatedAt = now;
            return (payment.state == PaymentState.SUCCESS
                    ? payments.apply(payment, PaymentState.REFUND, source, "refunded", null, null)
                    : Uni.createFrom().voidItem())
                    .chain(() -> announce(RefundEvent.SUCCEEDED, payment, refund, now));
        }
        if (refund.state == RefundState.CLOSED) {
            return announce(RefundEvent.FAILED, payment, refund, now);
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<?> record(Transition<RefundState, RefundState> t) {
        RefundTransition row = new RefundTransition();
        row.refundSn = t.key();
        row.from = t.from();
        row.to = t.to();
        row.source = TransitionSource.valueOf(t.source());
        row.reason = Transition.clip(t.reason());
        row.at = t.at();
        return row.persist();
    }

    /** To the built-in order service on Kafka, to an app by webhook. */
    private Uni<?> announce(String type, Payment p, Refund r, Instant now) {
        if (!p.builtIn()) {
            return webhooks.refund(RefundEvent.SUCCEEDED.equals(type) ? Webhooks.REFUND_SUCCEEDED : Webhooks.REFUND_FAILED, p, r, now);
        }
        String eventId = UUID.randomUUID().toString();
        return outbox.enqueue(PaymentEvent.TOPIC, p.orderSn, eventId, type, RefundEvent.of(type, eventId, now, p, r));
    }
}
