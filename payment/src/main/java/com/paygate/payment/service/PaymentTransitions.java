package com.paygate.payment.service;

import com.paygate.eventing.outbox.Outbox;
import com.paygate.eventing.transition.Transition;
import com.paygate.eventing.transition.TransitionEngine;
import com.paygate.eventing.transition.TransitionOutcome;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.domain.PaymentStateMachine;
import com.paygate.payment.domain.PaymentTransition;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.event.PaymentEvent;
import com.paygate.payment.webhook.Webhooks;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The one way a payment changes state: {@link TransitionEngine} over {@link PaymentStateMachine}. Call inside a
 * transaction on a row-locked payment; the entity's @Version makes the update conditional. What is payment's own:
 * the payment_transition row, and who hears of it: the built-in order service PAYMENT_SUCCEEDED / PAYMENT_CLOSED
 * in the Kafka outbox, an app a webhook (in its own outbox, the same transaction).
 */
@ApplicationScoped
public class PaymentTransitions {

    private static final Logger LOG = Logger.getLogger(PaymentTransitions.class);

    private final Outbox outbox;
    private final Webhooks webhooks;
    private final TransitionEngine<Payment, PaymentState, PaymentState> engine;

    public PaymentTransitions(Outbox outbox, Webhooks webhooks, MeterRegistry metrics) {
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.engine = TransitionEngine.<Payment, PaymentState, PaymentState>builder(PaymentStateMachine.TABLE)
                .entity(p -> p.paySn, p -> p.state)
                .enter((p, t) -> {
                    p.state = t.to();
                    p.updatedAt = t.at();
                })
                .audit(PaymentTransitions::record)
                .effects(this::announce)
                .metrics(metrics, "payment.transitions")
                .build();
    }

    public Uni<TransitionOutcome> apply(Payment payment, PaymentState to, TransitionSource source, String stateDesc,
            String transactionId, Instant paidAt) {
        PaymentState from = payment.state;
        return engine.apply(payment, to, source.name(), stateDesc, (p, t) -> {
            p.stateDesc = stateDesc;
            if (transactionId != null) {
                p.transactionId = transactionId;
            }
            if (to == PaymentState.SUCCESS) {
                p.paidAt = paidAt != null ? paidAt : t.at();
                if (from == PaymentState.CLOSED) {
                    // Money after close: kept as a success (the provider holds it) and refunded by order's late path.
                    p.paidAfterClose = true;
                    LOG.warnf("Payment %s paid after it was closed (source %s): published as a late success", p.paySn, source);
                }
            }
        });
    }

    private static Uni<?> record(Transition<PaymentState, PaymentState> t) {
        PaymentTransition row = new PaymentTransition();
        row.paySn = t.key();
        row.from = t.from();
        row.to = t.to();
        row.source = TransitionSource.valueOf(t.source());
        row.reason = Transition.clip(t.reason());
        row.at = t.at();
        return row.persist();
    }

    private Uni<?> announce(Payment p, Transition<PaymentState, PaymentState> t) {
        if (!p.builtIn()) {
            return switch (t.to()) {
                case SUCCESS -> webhooks.payment(Webhooks.PAYMENT_SUCCEEDED, p, t.at());
                case CLOSED -> webhooks.payment(Webhooks.PAYMENT_CLOSED, p, t.at());
                case PAYERROR -> webhooks.payment(Webhooks.PAYMENT_FAILED, p, t.at());
                default -> Uni.createFrom().voidItem();
            };
        }
        String eventId = UUID.randomUUID().toString();
        return switch (t.to()) {
            case SUCCESS -> outbox.enqueue(PaymentEvent.TOPIC, p.orderSn, eventId, PaymentEvent.SUCCEEDED,
                    PaymentEvent.succeeded(eventId, t.at(), p));
            case CLOSED -> outbox.enqueue(PaymentEvent.TOPIC, p.orderSn, eventId, PaymentEvent.CLOSED,
                    PaymentEvent.closed(eventId, t.at(), p));
            default -> Uni.createFrom().voidItem();
        };
    }
}
