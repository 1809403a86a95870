package com.paygate.payment.service;

import com.paygate.eventing.transition.TransitionOutcome;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.Refund;
import com.paygate.payment.domain.RefundState;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.provider.ProviderRefund;
import com.paygate.payment.repository.PaymentRepository;
import com.paygate.payment.repository.RefundRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies a verified provider statement about a refund (request answer, query answer, notification): the same path
 * for every source. The refund must be ours, of that payment, and for the amount we asked; otherwise nothing
 * changes and an alert is raised.
 */
@ApplicationScoped
public class RefundUpdates {

    public enum Result { APPLIED, UNCHANGED, UNKNOWN_REFUND, MISMATCH, ILLEGAL }

    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final RefundTransitions transitions;
    private final PaymentAlerts alerts;

    public RefundUpdates(PaymentRepository payments, RefundRepository refunds, RefundTransitions transitions,
            PaymentAlerts alerts) {
        this.payments = payments;
        this.refunds = refunds;
        this.transitions = transitions;
        this.alerts = alerts;
    }

    /**
     * Applies what {@code providerId} stated about a refund. A refund of a payment made through another provider is
     * unknown to it (a test-mode sandbox's notification never touches a live refund, nor the reverse).
     */
    public Uni<Result> apply(ProviderRefund status, String providerId, TransitionSource source) {
        if (status.refundSn() == null || status.notFound() || status.state() == null) {
            return Uni.createFrom().item(Result.UNKNOWN_REFUND);
        }
        return locked(status.refundSn(), (payment, refund) -> payment.provider.equals(providerId)
                ? decide(payment, refund, status, source)
                : Uni.createFrom().item(Result.UNKNOWN_REFUND))
                .call(result -> alertIfNeeded(result, status, source));
    }

    /** Our own decision that a refund is over (the provider refused it): PROCESSING -> CLOSED. */
    public Uni<Result> close(String refundSn, String why, TransitionSource source) {
        return locked(refundSn, (payment, refund) -> transitions.apply(payment, refund, RefundState.CLOSED, source,
                why.length() > 255 ? why.substring(0, 255) : why, null, null).map(RefundUpdates::result));
    }

    private interface Work {
        Uni<Result> run(Payment payment, Refund refund);
    }

    /** Payment row lock first, then the refund's, as everywhere else. */
    private Uni<Result> locked(String refundSn, Work work) {
        return Panache.withSession(() -> refunds.findByRefundSn(refundSn)).chain(found -> {
            if (found == null) {
                return Uni.createFrom().item(Result.UNKNOWN_REFUND);
            }
            return Panache.withTransaction(() -> payments.lockByPaySn(found.paySn)
                    .chain(payment -> refunds.lockByRefundSn(refundSn).chain(refund -> work.run(payment, refund))));
        });
    }

    private Uni<Result> decide(Payment payment, Refund refund, ProviderRefund status, TransitionSource source) {
        boolean otherPayment = status.paySn() != null && !status.paySn().equals(refund.paySn);
        boolean otherAmount = status.refundFen() != null && status.refundFen() != refund.amountFen
                || status.totalFen() != null && status.totalFen() != payment.amountFen;
        if (otherPayment || otherAmount || status.state() == RefundState.SUCCESS && status.refundFen() == null) {
            return Uni.createFrom().item(Result.MISMATCH);
        }
        if (status.state() == RefundState.PROCESSING && refund.state != RefundState.PROCESSING) {
            // A stale "still processing" (e.g. our request's answer read after the notification settled it): not news.
            return Uni.createFrom().item(Result.UNCHANGED);
        }
        return transitions.apply(payment, refund, status.state(), source, status.stateDesc(), status.providerRefundId(),
                status.succeededAt()).map(RefundUpdates::result);
    }

    private static Result result(TransitionOutcome outcome) {
        return switch (outcome) {
            case APPLIED -> Result.APPLIED;
            case UNCHANGED -> Result.UNCHANGED;
            case ILLEGAL -> Result.ILLEGAL;
        };
    }

    private Uni<Void> alertIfNeeded(Result result, ProviderRefund status, TransitionSource source) {
        return switch (result) {
            case MISMATCH -> alerts.raise(status.paySn(), "REFUND_MISMATCH", status.refundSn(), "provider reported refund " + status.refundSn()
                    + " " + status.state() + " of " + status.refundFen() + "/" + status.totalFen() + " fen for " + status.paySn()
                    + " via " + source + ", which does not match ours");
            case ILLEGAL -> alerts.raise(status.paySn(), "ILLEGAL_REFUND_TRANSITION", status.refundSn(), "provider reported refund "
                    + status.refundSn() + " " + status.state() + " via " + source + ", not allowed from the current state");
            case APPLIED -> switch (status.state()) {
                case ABNORMAL -> alerts.raise(status.paySn(), "REFUND_ABNORMAL", status.refundSn(), "refund " + status.refundSn()
                        + " is ABNORMAL: the money did not reach the payer; handle it at the merchant platform");
                case CLOSED -> alerts.raise(status.paySn(), "REFUND_CLOSED", status.refundSn(), "refund " + status.refundSn()
                        + " was closed by the provider: no money moved, the amount is refundable again");
                default -> Uni.createFrom().voidItem();
            };
            default -> Uni.createFrom().voidItem();
        };
    }
}
