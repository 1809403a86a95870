package com.paygate.payment.service;

import com.paygate.eventing.outbox.Outbox;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.domain.PaymentStateMachine;
import com.paygate.payment.domain.PaymentTransition;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.event.PaymentEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The one way a payment changes state. Call inside a transaction on a row-locked payment: the state machine
 * decides, the entity's @Version makes the update conditional, a payment_transition row records it and, for
 * SUCCESS and CLOSED, the event goes to the outbox in the same transaction.
 */
@ApplicationScoped
public class PaymentTransitions {

    private static final Logger LOG = Logger.getLogger(PaymentTransitions.class);

    public enum Outcome { APPLIED, UNCHANGED, ILLEGAL }

    private final Outbox outbox;
    private final MeterRegistry metrics;

    public PaymentTransitions(Outbox outbox, MeterRegistry metrics) {
        this.outbox = outbox;
        this.metrics = metrics;
    }

    public Uni<Outcome> apply(Payment payment, PaymentState to, TransitionSource source, String stateDesc,
            String transactionId, Instant paidAt) {
        PaymentState from = payment.state;
        if (from == to) {
            return Uni.createFrom().item(Outcome.UNCHANGED);
        }
        if (!PaymentStateMachine.allows(from, to)) {
            LOG.warnf("Illegal payment transition %s -> %s for %s (source %s) rejected", from, to, payment.paySn, source);
            metrics.counter("payment.transitions.rejected", "from", from.name(), "to", to.name()).increment();
            return Uni.createFrom().item(Outcome.ILLEGAL);
        }
        Instant now = Instant.now();
        payment.state = to;
        payment.stateDesc = stateDesc;
        payment.updatedAt = now;
        if (transactionId != null) {
            payment.transactionId = transactionId;
        }
        if (to == PaymentState.SUCCESS) {
            payment.paidAt = paidAt != null ? paidAt : now;
            if (from == PaymentState.CLOSED) {
                // Money after close: kept as a success (the provider holds it) and refunded by order's late path.
                payment.paidAfterClose = true;
                LOG.warnf("Payment %s paid after it was closed (source %s): published as a late success", payment.paySn, source);
            }
        }
        PaymentTransition log = new PaymentTransition();
        log.paySn = payment.paySn;
        log.from = from;
        log.to = to;
        log.source = source;
        log.at = now;
        metrics.counter("payment.transitions", "to", to.name(), "source", source.name()).increment();
        LOG.infof("Payment %s %s -> %s (%s)", payment.paySn, from, to, source);
        return log.persist()
                .chain(() -> event(payment, to, now))
                .replaceWith(Outcome.APPLIED);
    }

    private Uni<?> event(Payment p, PaymentState to, Instant now) {
        String eventId = UUID.randomUUID().toString();
        if (to == PaymentState.SUCCESS) {
            return outbox.enqueue(PaymentEvent.TOPIC, p.orderSn, eventId, PaymentEvent.SUCCEEDED, new PaymentEvent(eventId,
                    PaymentEvent.SUCCEEDED, now, p.paySn, p.orderSn, p.userId, p.amountFen, p.channel.name(), p.transactionId, p.paidAt));
        }
        if (to == PaymentState.CLOSED) {
            return outbox.enqueue(PaymentEvent.TOPIC, p.orderSn, eventId, PaymentEvent.CLOSED, new PaymentEvent(eventId,
                    PaymentEvent.CLOSED, now, p.paySn, p.orderSn, p.userId, p.amountFen, p.channel.name(), null, null));
        }
        return Uni.createFrom().voidItem();
    }
}
