package com.paygate.payment.recon;

import com.paygate.payment.domain.Refund;
import com.paygate.payment.domain.RefundState;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.provider.PaymentProvider;
import com.paygate.payment.repository.PaymentRepository;
import com.paygate.payment.repository.RefundRepository;
import com.paygate.payment.service.PaymentAlerts;
import com.paygate.payment.service.PaymentUpdates;
import com.paygate.payment.service.RefundUpdates;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import org.jboss.logging.Logger;

/**
 * Settles the open differences of a run, one at a time. What a query can settle goes through the normal path (the
 * same query, transition engine and events as a status poll), so a payment the bill shows paid becomes paid here,
 * late if we had closed it (and is then refunded like any late payment). Everything else, and anything a query
 * leaves different, raises a payment alert {@code RECON_<kind>} and stays ALERTED.
 */
@ApplicationScoped
public class DifferenceSettlement {

    private static final Logger LOG = Logger.getLogger(DifferenceSettlement.class);

    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final PaymentUpdates paymentUpdates;
    private final RefundUpdates refundUpdates;
    private final PaymentAlerts alerts;
    private final MeterRegistry metrics;

    public DifferenceSettlement(PaymentRepository payments, RefundRepository refunds, PaymentUpdates paymentUpdates,
            RefundUpdates refundUpdates, PaymentAlerts alerts, MeterRegistry metrics) {
        this.payments = payments;
        this.refunds = refunds;
        this.paymentUpdates = paymentUpdates;
        this.refundUpdates = refundUpdates;
        this.alerts = alerts;
        this.metrics = metrics;
    }

    /** Settles or alerts every OPEN difference of the run. */
    public Uni<Void> settle(ReconRun run, PaymentProvider provider) {
        return Panache.withSession(() -> ReconItem.<ReconItem>list("runId = ?1 and state = ?2 order by id", run.id,
                        ReconItem.State.OPEN))
                .chain(open -> Multi.createFrom().iterable(open)
                        .onItem().transformToUniAndConcatenate(item -> settleOne(run, provider, item)
                                .onFailure().recoverWithUni(f -> {
                                    // Left OPEN: the next run of the date tries it again.
                                    LOG.warnf("Reconciliation %s %s: difference %s of %s not settled yet: %s", run.provider,
                                            run.billDate, item.kind, item.paySn, f.getMessage());
                                    return Uni.createFrom().voidItem();
                                }))
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> settleOne(ReconRun run, PaymentProvider provider, ReconItem item) {
        return switch (item.kind) {
            case PAYMENT_PROVIDER_ONLY -> item.ourState == null
                    ? alert(run, item, "the bill has a payment we never created")
                    : queryPayment(run, provider, item);
            case PAYMENT_OURS_ONLY -> Panache.withSession(() -> payments.findByPaySn(item.paySn))
                    .chain(p -> provider.query(p).map(s -> "the provider says " + (s.notFound() ? "no such trade" : s.state())))
                    .onFailure().recoverWithItem(f -> "the query failed: " + f.getMessage())
                    .chain(said -> alert(run, item, "paid here, absent from the bill; " + said));
            case PAYMENT_AMOUNT_DIFFERS -> alert(run, item, "the bill says " + item.billFen + " fen, we recorded " + item.ourFen);
            case REFUND_PROVIDER_ONLY -> RefundState.PROCESSING.name().equals(item.ourState)
                    ? queryRefund(run, provider, item)
                    : alert(run, item, item.ourState == null ? "the bill has a refund we never made"
                            : "the bill has the refund succeeded, we have it " + item.ourState);
            case REFUND_OURS_ONLY -> alert(run, item, "refunded here, absent from the bill");
            case REFUND_AMOUNT_DIFFERS -> alert(run, item, "the bill says " + item.billFen + " fen refunded, we recorded "
                    + item.ourFen);
        };
    }

    /**
     * Our payment is not paid but the bill says it is: ask the provider and apply its answer through the normal path.
     * A failed query leaves the difference OPEN for the next run.
     */
    private Uni<Void> queryPayment(ReconRun run, PaymentProvider provider, ReconItem item) {
        return Panache.withSession(() -> payments.findByPaySn(item.paySn))
                .chain(provider::query)
                .chain(answer -> paymentUpdates.apply(answer, TransitionSource.RECONCILIATION))
                .chain(result -> Panache.withSession(() -> payments.findByPaySn(item.paySn)))
                .chain(p -> p.state.isPaid()
                        ? resolve(run, item, ReconItem.State.SETTLED, "settled by query: " + p.state
                                + (p.paidAfterClose ? " after close (a late payment, to refund)" : ""))
                        : alert(run, item, "the bill has it paid, a query says " + p.state));
    }

    private Uni<Void> queryRefund(ReconRun run, PaymentProvider provider, ReconItem item) {
        return Panache.withSession(() -> payments.findByPaySn(item.paySn))
                .chain(p -> provider.queryRefund(p, item.refundSn))
                .chain(answer -> refundUpdates.apply(answer, provider.id(), TransitionSource.RECONCILIATION))
                .chain(result -> Panache.withSession(() -> refunds.findByRefundSn(item.refundSn)))
                .chain((Refund r) -> r.state == RefundState.SUCCESS
                        ? resolve(run, item, ReconItem.State.SETTLED, "settled by query: SUCCESS")
                        : alert(run, item, "the bill has the refund succeeded, a query says " + r.state));
    }

    private Uni<Void> alert(ReconRun run, ReconItem item, String why) {
        String detail = run.provider + " bill of " + run.billDate + ": " + describe(item) + ": " + why;
        return alerts.raise(item.paySn, "RECON_" + item.kind.name(), subject(item, run.billDate), detail)
                .chain(() -> resolve(run, item, ReconItem.State.ALERTED, why));
    }

    private static String subject(ReconItem item, LocalDate billDate) {
        return item.refundSn.isEmpty() ? billDate.toString() : item.refundSn;
    }

    private static String describe(ReconItem item) {
        return item.refundSn.isEmpty() ? "payment " + item.paySn : "refund " + item.refundSn + " of " + item.paySn;
    }

    private Uni<Void> resolve(ReconRun run, ReconItem item, ReconItem.State state, String resolution) {
        String bounded = resolution.length() > 500 ? resolution.substring(0, 500) : resolution;
        metrics.counter("payment.reconciliation.differences", "provider", run.provider, "kind", item.kind.name(),
                "outcome", state.name().toLowerCase()).increment();
        LOG.infof("Reconciliation %s %s: %s %s %s (%s)", run.provider, run.billDate, item.kind, describe(item), state, bounded);
        return Panache.withTransaction(() -> ReconItem.update("state = ?1, resolution = ?2, updatedAt = ?3 where id = ?4"
                + " and state = ?5", state, bounded, Instant.now(), item.id, ReconItem.State.OPEN)).replaceWithVoid();
    }
}
