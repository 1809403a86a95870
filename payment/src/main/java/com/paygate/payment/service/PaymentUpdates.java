package com.paygate.payment.service;

import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.provider.ProviderStatus;
import com.paygate.payment.repository.PaymentRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies a verified provider statement (notification, query answer) to our payment: the same path for every
 * source. The payment must exist and the provider's amount.total must equal ours; otherwise nothing changes and
 * an alert is raised.
 */
@ApplicationScoped
public class PaymentUpdates {

    /** LATE_SUCCESS: applied, but the payment had been CLOSED (money after close, refunded by order's late path). */
    public enum Result { APPLIED, LATE_SUCCESS, UNCHANGED, UNKNOWN_PAYMENT, AMOUNT_MISMATCH, ILLEGAL }

    private final PaymentRepository payments;
    private final PaymentTransitions transitions;
    private final PaymentAlerts alerts;

    public PaymentUpdates(PaymentRepository payments, PaymentTransitions transitions, PaymentAlerts alerts) {
        this.payments = payments;
        this.transitions = transitions;
        this.alerts = alerts;
    }

    public Uni<Result> apply(ProviderStatus status, TransitionSource source) {
        if (status.paySn() == null || status.notFound()) {
            return Uni.createFrom().item(Result.UNKNOWN_PAYMENT);
        }
        return Panache.withTransaction(() -> payments.lockByPaySn(status.paySn()).chain(p -> decide(p, status, source)))
                .call(result -> alertIfNeeded(result, status, source));
    }

    /**
     * A verified statement that only reports something else about the payment (Alipay's refund notifications): the
     * payment must exist and the amount match, like any statement, but its state is not applied. Refunds are settled
     * by their own answers and queries; TRADE_CLOSED after a full refund must not read as "closed unpaid".
     */
    public Uni<Result> acknowledge(ProviderStatus status, TransitionSource source) {
        if (status.paySn() == null) {
            return Uni.createFrom().item(Result.UNKNOWN_PAYMENT);
        }
        return Panache.withSession(() -> payments.findByPaySn(status.paySn()))
                .map(p -> p == null || !p.provider.equals(status.provider()) ? Result.UNKNOWN_PAYMENT
                        : status.amountTotalFen() != null && status.amountTotalFen() != p.amountFen ? Result.AMOUNT_MISMATCH
                        : Result.UNCHANGED)
                .call(result -> alertIfNeeded(result, status, source));
    }

    private Uni<Result> decide(Payment p, ProviderStatus status, TransitionSource source) {
        if (p == null || !p.provider.equals(status.provider())) {
            return Uni.createFrom().item(Result.UNKNOWN_PAYMENT);
        }
        if (status.amountTotalFen() != null && status.amountTotalFen() != p.amountFen) {
            return Uni.createFrom().item(Result.AMOUNT_MISMATCH);
        }
        if (status.state() == PaymentState.SUCCESS && status.amountTotalFen() == null) {
            // "Paid" without an amount cannot be checked, so it is not believed.
            return Uni.createFrom().item(Result.AMOUNT_MISMATCH);
        }
        if (p.state == PaymentState.REFUND && status.state() == PaymentState.SUCCESS) {
            // Paid and (partly) refunded already: "paid" agrees with that (Alipay's trade stays TRADE_SUCCESS after a
            // partial refund; a query claimed just before the payment moved on answers it too).
            return Uni.createFrom().item(Result.UNCHANGED);
        }
        boolean wasClosed = p.state == PaymentState.CLOSED;
        return transitions.apply(p, status.state(), source, status.stateDesc(), status.transactionId(), status.paidAt())
                .map(outcome -> switch (outcome) {
                    case APPLIED -> wasClosed ? Result.LATE_SUCCESS : Result.APPLIED;
                    case UNCHANGED -> Result.UNCHANGED;
                    case ILLEGAL -> Result.ILLEGAL;
                });
    }

    private Uni<Void> alertIfNeeded(Result result, ProviderStatus status, TransitionSource source) {
        return switch (result) {
            case AMOUNT_MISMATCH -> alerts.raise(status.paySn(), "AMOUNT_MISMATCH",
                    "provider reported " + status.state() + " with amount.total " + status.amountTotalFen() + " via " + source);
            case LATE_SUCCESS -> alerts.raise(status.paySn(), "LATE_SUCCESS",
                    "provider reported SUCCESS via " + source + " after the payment was closed; published for order to refund");
            case ILLEGAL -> alerts.raise(status.paySn(), "ILLEGAL_TRANSITION",
                    "provider reported " + status.state() + " via " + source + ", not allowed from the current state");
            default -> Uni.createFrom().voidItem();
        };
    }
}
