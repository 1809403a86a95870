package com.paygate.payment.service;

import com.paygate.common.error.ApiException;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.Refund;
import com.paygate.payment.domain.RefundState;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.provider.PaymentProvider;
import com.paygate.payment.provider.ProviderException;
import com.paygate.payment.provider.ProviderRegistry;
import com.paygate.payment.repository.PaymentRepository;
import com.paygate.payment.repository.RefundRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Creating refunds and sending them to the provider. The refund row is written PROCESSING before the provider is
 * called, in a transaction that holds the payment's row lock while it checks that the payment's refunds
 * (PROCESSING, SUCCESS and ABNORMAL: all but CLOSED) plus this one stay within what it paid: concurrent requests queue on that lock, so only
 * what fits is ever created. No transaction spans the provider call; an unknown outcome is settled by RefundJobs.
 */
@ApplicationScoped
public class RefundService {

    private static final Logger LOG = Logger.getLogger(RefundService.class);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final ProviderRegistry providers;
    private final RefundUpdates updates;
    private final PaymentAlerts alerts;

    public RefundService(PaymentRepository payments, RefundRepository refunds, ProviderRegistry providers,
            RefundUpdates updates, PaymentAlerts alerts) {
        this.payments = payments;
        this.refunds = refunds;
        this.providers = providers;
        this.updates = updates;
        this.alerts = alerts;
    }

    /** The payment's refunds, oldest first: 404 for an unknown payment (not an empty list). */
    public Uni<List<Refund>> refundsOf(String paySn) {
        return Panache.withSession(() -> payments.findByPaySn(paySn).chain(p -> {
            if (p == null) {
                throw ApiException.notFound("PAYMENT_NOT_FOUND", "payment not found");
            }
            return refunds.byPayment(paySn);
        }));
    }

    /** An operator's refund as the admin API answers it: {@code replayed} when the Idempotency-Key was seen before. */
    public record AdminRefund(Refund refund, boolean replayed) {
    }

    /**
     * A refund asked for by a person or a business line ({@code requestedBy}: {@code ADMIN:<user>}, {@code APP:<appId>},
     * kept on the refund) of {@code amountFen} under the caller's {@code idempotencyKey} (400
     * IDEMPOTENCY_KEY_REQUIRED when missing or not [A-Za-z0-9_-]{1,64}): 404 unknown payment, 409 not paid, 422 more
     * than is left. Under the payment's row lock the key is looked up first: a refund of this payment with that key,
     * amount and reason is answered again (replayed, no provider call, no new row), one with the key but another
     * amount or reason is 409 IDEMPOTENCY_KEY_REUSED. Two requests with one key queue on that lock, so the second
     * sees the first's committed refund.
     */
    public Uni<AdminRefund> refund(String paySn, String idempotencyKey, long amountFen, String reason, String requestedBy) {
        if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            return Uni.createFrom().failure(ApiException.badRequest("IDEMPOTENCY_KEY_REQUIRED",
                    "an Idempotency-Key header of 1 to 64 characters A-Z a-z 0-9 _ - is required"));
        }
        String storedReason = clipReason(reason);
        return Panache.withTransaction(() -> payments.lockByPaySn(paySn).chain(p -> {
            if (p == null) {
                throw ApiException.notFound("PAYMENT_NOT_FOUND", "payment not found");
            }
            return refunds.findByIdempotencyKey(paySn, idempotencyKey).chain(earlier -> {
                if (earlier != null) {
                    if (earlier.amountFen != amountFen || !Objects.equals(earlier.reason, storedReason)) {
                        throw ApiException.conflict("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for refund "
                                + earlier.refundSn + " with another amount or reason");
                    }
                    LOG.infof("Refund %s on %s answered again (same Idempotency-Key)", earlier.refundSn, paySn);
                    return Uni.createFrom().item(new AdminRefund(earlier, true));
                }
                if (!refundable(p)) {
                    throw ApiException.conflict("PAYMENT_NOT_PAID", "only a paid payment can be refunded (state " + p.state + ")");
                }
                if (amountFen > p.amountFen) {
                    throw ApiException.unprocessable("REFUND_EXCEEDS_PAID", "refunds would exceed the paid amount: paid "
                            + p.amountFen + ", requested " + amountFen);
                }
                return refunds.heldFen(paySn).chain(held -> {
                    // Compared as "what is left", never as a sum: held + amountFen could overflow a long.
                    if (amountFen > p.amountFen - held) {
                        throw ApiException.unprocessable("REFUND_EXCEEDS_PAID", "refunds would exceed the paid amount: paid "
                                + p.amountFen + ", already refunded or refunding " + held + ", requested " + amountFen);
                    }
                    return insert(p, amountFen, reason, requestedBy, idempotencyKey)
                            .map(r -> new AdminRefund(r, false));
                });
            });
        })).chain(a -> a.replayed() ? Uni.createFrom().item(a)
                : submit(a.refund()).map(r -> new AdminRefund(r, false)));
    }

    /**
     * Refunds what is left of a payment (all of it unless an operator refunded part already), for the order
     * service. Runs in the caller's transaction, which records the event in the inbox; null when nothing is to be
     * refunded (unknown, unpaid or fully refunded payment: logged, raised as an alert where a human must look).
     */
    public Uni<Refund> createFullRefund(String paySn, String orderSn, String reason) {
        return payments.lockByPaySn(paySn).chain(p -> {
            if (p == null || !p.builtIn() || !p.orderSn.equals(orderSn)) {
                LOG.warnf("Refund requested for unknown payment %s of order %s: ignored", clip(paySn), clip(orderSn));
                return Uni.createFrom().nullItem();
            }
            if (!refundable(p)) {
                return alerts.raise(paySn, "REFUND_OF_UNPAID", "order " + orderSn + " asked for a refund of a payment in state " + p.state)
                        .replaceWith((Refund) null);
            }
            return refunds.heldFen(paySn).chain(held -> {
                long left = p.amountFen - held;
                if (left <= 0) {
                    LOG.infof("Refund requested for %s: nothing left to refund (held %d of %d)", paySn, held, p.amountFen);
                    return Uni.createFrom().nullItem();
                }
                return insert(p, left, reason, "ORDER_EVENT", null);
            });
        });
    }

    /**
     * Sends a stored PROCESSING refund to the provider and applies the answer. Only a clear business refusal
     * ({@link ProviderException.Rejected}) closes the refund (its amount is free again) and raises an alert. Any
     * other failure (unreachable, or an answer we cannot verify or read) means the provider may have refunded: the
     * refund stays PROCESSING, its amount held, until RefundJobs settles it by query.
     */
    public Uni<Refund> submit(Refund refund) {
        return Panache.withSession(() -> payments.findByPaySn(refund.paySn)).chain(p -> {
            PaymentProvider provider = providers.byId(p.provider).orElse(null);
            if (provider == null) {
                LOG.warnf("Refund %s waits: provider %s not enabled", refund.refundSn, p.provider);
                return Uni.createFrom().item(refund);
            }
            return provider.refund(new PaymentProvider.RefundRequest(p, refund.refundSn, refund.amountFen, refund.reason))
                    .chain(answer -> updates.apply(answer, provider.id(), TransitionSource.PROVIDER_ANSWER))
                    .onFailure(ProviderException.Rejected.class)
                    .recoverWithUni(f -> refused(refund, (ProviderException.Rejected) f))
                    .onFailure().recoverWithUni(f -> {
                        LOG.warnf("Refund %s: outcome unknown, the refund job will query it: %s", refund.refundSn, f.getMessage());
                        return Uni.createFrom().nullItem();
                    })
                    .chain(() -> Panache.withSession(() -> refunds.findByRefundSn(refund.refundSn)));
        });
    }

    private Uni<RefundUpdates.Result> refused(Refund refund, ProviderException.Rejected f) {
        return updates.close(refund.refundSn, "refused: " + f.code(), TransitionSource.PROVIDER_ANSWER)
                .call(() -> alerts.raise(refund.paySn, "REFUND_REFUSED", refund.refundSn, "refund " + refund.refundSn + " refused: " + f.getMessage()));
    }

    /** Event fields are not ours: bounded in logs. */
    private static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }

    private static boolean refundable(Payment p) {
        return p.state.isPaid();
    }

    private static String clipReason(String reason) {
        return reason == null ? null : reason.length() > 200 ? reason.substring(0, 200) : reason;
    }

    private Uni<Refund> insert(Payment p, long amountFen, String reason, String requestedBy, String idempotencyKey) {
        Instant now = Instant.now();
        Refund r = new Refund();
        r.refundSn = "R" + PaySn.next().substring(1);
        r.paySn = p.paySn;
        r.orderSn = p.orderSn;
        r.userId = p.userId;
        r.provider = p.provider;
        r.amountFen = amountFen;
        r.reason = clipReason(reason);
        r.idempotencyKey = idempotencyKey;
        r.state = RefundState.PROCESSING;
        r.requestedBy = requestedBy.length() > 32 ? requestedBy.substring(0, 32) : requestedBy;
        r.createdAt = now;
        r.updatedAt = now;
        LOG.infof("Refund %s of %d fen on %s created (%s)", r.refundSn, amountFen, p.paySn, requestedBy);
        return r.persist().replaceWith(r);
    }
}
