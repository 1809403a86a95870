package com.paygate.order.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.eventing.deferral.DeferredEvents;
import com.paygate.eventing.inbox.Inbox;
import com.paygate.order.domain.OrderState;
import com.paygate.order.domain.OrderStateMachine;
import com.paygate.order.domain.OrderTrigger;
import com.paygate.order.event.OrderEventPublisher;
import com.paygate.order.event.PaymentEvent;
import com.paygate.order.repository.OrderEntity;
import com.paygate.order.repository.OrderRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Applies payment events to orders, exactly once: the event id goes into the inbox in the same transaction as the
 * change, so a redelivered (or concurrently duplicated) event finds it taken and changes nothing.
 *
 * <p>Money is never dropped: a payment for an order that can no longer take it (cancelled, expired, wrong amount,
 * already paid by another payment) is flagged and a refund is requested.
 *
 * <p>An event the order cannot take yet (a refund's outcome before any payment was applied to it) is parked, not
 * done ({@link DeferredEvents}), and applied once the payment has been.
 */
@ApplicationScoped
public class PaymentEventService {

    public static final String CONSUMER = "order-service";
    public static final String PROBLEM_PAYMENTS_METRIC = "orders.late_or_mismatched_payments";
    public static final String STUCK_REFUNDS_METRIC = "orders.refunds_failed_needing_operator";

    private static final Logger LOG = Logger.getLogger(PaymentEventService.class);

    /** What applying one event did; only a committed outcome is counted. */
    public enum Outcome { APPLIED, DUPLICATE, IGNORED, PARTLY_REFUNDED, LATE_PAYMENT, AMOUNT_MISMATCH, EXTRA_PAYMENT,
        /** Money for an order this service does not know: nothing here can refund it, an operator must. */
        UNKNOWN_ORDER_PAYMENT,
        /** A refund of money the order cannot keep failed: it stays REFUNDING for an operator. */
        REFUND_FAILED_NEEDS_OPERATOR,
        /** Overtook the event its order needs first (a refund's outcome before any payment): parked, not done. */
        DEFERRED;

        /** Whether the order moved (state or payment), so events parked for it may apply now. */
        public boolean moved() {
            return this == APPLIED || this == LATE_PAYMENT || this == AMOUNT_MISMATCH;
        }
    }

    private final Inbox inbox;
    private final OrderRepository orders;
    private final OrderTransitions transitions;
    private final OrderEventPublisher events;
    private final RedeemCodes redeemCodes;
    private final DeferredEvents deferred;
    private final ObjectMapper json;
    private final Map<Outcome, Counter> problemPayments = new EnumMap<>(Outcome.class);

    public PaymentEventService(Inbox inbox, OrderRepository orders, OrderTransitions transitions,
            OrderEventPublisher events, RedeemCodes redeemCodes, DeferredEvents deferred, ObjectMapper json,
            MeterRegistry registry) {
        this.deferred = deferred;
        this.json = json;
        this.inbox = inbox;
        this.orders = orders;
        this.transitions = transitions;
        this.events = events;
        this.redeemCodes = redeemCodes;
        // Registered up front so the metric exists (at 0) before the first problem, for dashboards and alerts.
        for (Outcome problem : List.of(Outcome.LATE_PAYMENT, Outcome.AMOUNT_MISMATCH, Outcome.EXTRA_PAYMENT,
                Outcome.UNKNOWN_ORDER_PAYMENT)) {
            problemPayments.put(problem, registry.counter(PROBLEM_PAYMENTS_METRIC, "reason", problem.name()));
        }
        problemPayments.put(Outcome.REFUND_FAILED_NEEDS_OPERATOR, registry.counter(STUCK_REFUNDS_METRIC));
    }

    /** Applies {@code event} in its own transaction. Resubscribing retries the whole transaction. */
    public Uni<Outcome> apply(PaymentEvent event) {
        return apply(event, false);
    }

    /** Applies an event parked earlier ({@link DeferredEvents}): once it applies, it is no longer parked. */
    public Uni<Outcome> applyParked(PaymentEvent event) {
        return apply(event, true);
    }

    private Uni<Outcome> apply(PaymentEvent event, boolean parked) {
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, event.eventId())
                        .chain(first -> first ? dispatch(event) : Uni.createFrom().item(Outcome.DUPLICATE))
                        .call(outcome -> outcome == Outcome.DEFERRED
                                ? deferred.defer(CONSUMER, event.orderSn(), event.eventId(), write(event),
                                        event.type() + " before any payment of the order was applied")
                                // A redelivery may apply an event the lot still holds: it is no longer parked.
                                : parked || deferrable(event) ? deferred.release(CONSUMER, event.eventId())
                                : Uni.createFrom().voidItem()))
                .invoke(this::count);
    }

    /** The types an order can get before the payment they refer to (see refundSucceeded, refundFailed). */
    private static boolean deferrable(PaymentEvent event) {
        return PaymentEvent.REFUND_SUCCEEDED.equals(event.type()) || PaymentEvent.REFUND_FAILED.equals(event.type());
    }

    private String write(PaymentEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a payment event that was read cannot be written back", e);
        }
    }

    private Uni<Outcome> dispatch(PaymentEvent event) {
        return switch (event.type()) {
            case PaymentEvent.PAYMENT_SUCCEEDED -> paymentSucceeded(event);
            case PaymentEvent.REFUND_SUCCEEDED -> refundSucceeded(event);
            case PaymentEvent.REFUND_FAILED -> refundFailed(event);
            case PaymentEvent.PAYMENT_CLOSED -> ignored(event, "nothing to do: the order keeps its own state");
            default -> ignored(event, "unknown event type");
        };
    }

    private Uni<Outcome> paymentSucceeded(PaymentEvent e) {
        return orders.findBySn(e.orderSn()).chain(order -> {
            if (order == null) {
                LOG.errorf("Payment %s of %d fen is for unknown order %s: an operator must return it (event %s)",
                        e.paySn(), e.amountFen(), e.orderSn(), e.eventId());
                return Uni.createFrom().item(Outcome.UNKNOWN_ORDER_PAYMENT);
            }
            if (e.paySn().equals(order.paySn)) {
                return ignored(e, "payment " + e.paySn() + " already applied to this order");
            }
            Instant paidAt = (e.paidAt() != null ? e.paidAt() : Instant.now()).truncatedTo(ChronoUnit.MILLIS);
            long paid = e.amountFen();
            return switch (order.state) {
                case WAIT_PAY -> paid == order.amountFen
                        ? pay(order, e, paidAt)
                        : flag(order, e, paidAt, OrderTrigger.AMOUNT_MISMATCH, Outcome.AMOUNT_MISMATCH,
                                "AMOUNT_MISMATCH: order " + order.amountFen + " fen, paid " + paid + " fen");
                case CANCELLED, EXPIRED -> flag(order, e, paidAt, OrderTrigger.LATE_PAYMENT, Outcome.LATE_PAYMENT,
                        "LATE_PAYMENT: paid after the order was " + order.state);
                // Already paid by another payment: refund this one, the order itself stays as it is.
                default -> extraPayment(order, e);
            };
        });
    }

    private Uni<Outcome> pay(OrderEntity order, PaymentEvent e, Instant paidAt) {
        return transitions.apply(order, OrderTrigger.PAY, "payment " + e.paySn(), o -> {
                    o.paySn = e.paySn();
                    o.paidAt = paidAt;
                    o.redeemCode = redeemCodes.issue();
                })
                .chain(events::paid)
                .replaceWith(Outcome.APPLIED);
    }

    private Uni<Outcome> flag(OrderEntity order, PaymentEvent e, Instant paidAt, OrderTrigger trigger, Outcome outcome,
            String reason) {
        LOG.warnf("Payment %s for order %s cannot be kept, requesting a refund: %s", e.paySn(), order.orderSn, reason);
        return transitions.apply(order, trigger, reason, o -> {
                    o.paySn = e.paySn();
                    o.paidAt = paidAt;
                    o.refundFlag = true;
                    o.refundReason = reason;
                })
                .chain(o -> events.refundRequested(o, e.paySn(), e.amountFen(), reason))
                .replaceWith(outcome);
    }

    private Uni<Outcome> extraPayment(OrderEntity order, PaymentEvent e) {
        String reason = "EXTRA_PAYMENT: order already paid by " + order.paySn + " (" + order.state + ")";
        LOG.warnf("Payment %s for order %s cannot be kept, requesting a refund: %s", e.paySn(), order.orderSn, reason);
        return events.refundRequested(order, e.paySn(), e.amountFen(), reason).replaceWith(Outcome.EXTRA_PAYMENT);
    }

    /**
     * The order is REFUNDED once the payment's refunds add up to what it paid ({@code refundedTotalFen >=} the
     * payment's {@code amountFen}; that is the payment's amount, not the order's, which differ after an
     * AMOUNT_MISMATCH). A partial refund leaves the order as it is: REFUNDING (the rest is still owed) or, for an
     * operator's partial refund, WAIT_USE (still usable). A refund of another payment of this order (an
     * EXTRA_PAYMENT) does not finish the order's own refund.
     */
    private Uni<Outcome> refundSucceeded(PaymentEvent e) {
        return orders.findBySn(e.orderSn()).chain(order -> {
            if (order == null) {
                return ignored(e, "unknown order");
            }
            if (order.paySn == null) {
                return Uni.createFrom().item(Outcome.DEFERRED);
            }
            if (!OrderStateMachine.allows(order.state, OrderTrigger.REFUND_SUCCEEDED)) {
                // Unpaid, used or already refunded: nothing to change, keep the partition moving.
                return ignored(e, "order is " + order.state + ", not " + OrderState.REFUNDING + " or " + OrderState.WAIT_USE);
            }
            if (e.paySn() != null && !e.paySn().equals(order.paySn)) {
                return ignored(e, "refund of payment " + e.paySn() + ", not of the order's payment " + order.paySn);
            }
            long owed = e.amountFen();
            long refunded = e.refundedTotalFen();
            if (refunded < owed) {
                LOG.infof("Order %s partly refunded (%d of %d fen by refund %s): stays %s", order.orderSn, refunded,
                        owed, e.refundSn(), order.state);
                return Uni.createFrom().item(Outcome.PARTLY_REFUNDED);
            }
            return transitions.apply(order, OrderTrigger.REFUND_SUCCEEDED,
                            "refund " + e.refundSn() + ": " + refunded + " fen refunded")
                    .chain(o -> events.refunded(o, refunded))
                    .replaceWith(Outcome.APPLIED);
        });
    }

    /**
     * The provider refused or closed a refund of the order's payment. An order whose owner asked for the refund
     * goes back to WAIT_USE: it is paid and still usable, and the owner may ask again. An order refunding money it
     * cannot keep (a late or mismatched payment) stays REFUNDING: that money must still go back, now through an
     * operator (the payment service raised an alert; the metric counts these).
     */
    private Uni<Outcome> refundFailed(PaymentEvent e) {
        return orders.findBySn(e.orderSn()).chain(order -> {
            if (order == null) {
                return ignored(e, "unknown order");
            }
            if (order.paySn == null) {
                return Uni.createFrom().item(Outcome.DEFERRED);
            }
            if (order.state != OrderState.REFUNDING) {
                return ignored(e, "order is " + order.state + ", not " + OrderState.REFUNDING);
            }
            if (!e.paySn().equals(order.paySn)) {
                return ignored(e, "refund of payment " + e.paySn() + ", not of the order's payment " + order.paySn);
            }
            return orders.lastEntryInto(order.orderSn, OrderState.REFUNDING).chain(entry -> {
                if (entry == null || entry.event != OrderTrigger.REFUND_REQUESTED) {
                    LOG.errorf("Refund %s of order %s failed, and the order cannot keep payment %s (%s): an operator"
                            + " must return the money", e.refundSn(), order.orderSn, order.paySn, order.refundReason);
                    return Uni.createFrom().item(Outcome.REFUND_FAILED_NEEDS_OPERATOR);
                }
                return transitions.apply(order, OrderTrigger.REFUND_FAILED,
                                "refund " + e.refundSn() + " refused by the provider", o -> {
                                    o.refundFlag = false;
                                    o.refundReason = null;
                                })
                        .chain(events::refundFailed)
                        .replaceWith(Outcome.APPLIED);
            });
        });
    }

    private static Uni<Outcome> ignored(PaymentEvent e, String why) {
        LOG.infof("Ignoring payment event %s (%s) for order %s: %s", e.eventId(), e.type(), e.orderSn(), why);
        return Uni.createFrom().item(Outcome.IGNORED);
    }

    private void count(Outcome outcome) {
        Counter counter = problemPayments.get(outcome);
        if (counter != null) {
            counter.increment();
        }
    }
}
