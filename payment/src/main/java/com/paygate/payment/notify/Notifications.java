package com.paygate.payment.notify;

import com.paygate.common.error.ApiException;
import com.paygate.eventing.trace.Traces;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.provider.Notification;
import com.paygate.payment.provider.NotificationRejected;
import com.paygate.payment.provider.NotificationReply;
import com.paygate.payment.provider.NotificationStatement;
import com.paygate.payment.provider.PaymentProvider;
import com.paygate.payment.provider.ProviderRegistry;
import com.paygate.payment.service.PaymentUpdates;
import com.paygate.payment.service.RefundUpdates;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The one place a provider notification is handled, whatever the provider: the provider verifies and translates it
 * ({@link PaymentProvider#verify}), the statement is applied through the same path as a query's answer
 * ({@link PaymentUpdates}, {@link RefundUpdates}), and the provider's protocol words the answer. Accepted: applied,
 * already applied (duplicates and replays of an applied one), or refused by the state machine (an alert already;
 * re-sending cannot change that). Refused, so the provider sends again: not verified, unknown payment or refund, a
 * different amount, or our own failure (500). Every refusal is logged and counted by provider and reason; no log
 * line holds key material or the decrypted content.
 */
@ApplicationScoped
public class Notifications {

    private static final Logger LOG = Logger.getLogger(Notifications.class);
    static final String REJECTED_METRIC = "payment.notifications.rejected";

    private final ProviderRegistry providers;
    private final PaymentUpdates payments;
    private final RefundUpdates refunds;
    private final MeterRegistry metrics;

    public Notifications(ProviderRegistry providers, PaymentUpdates payments, RefundUpdates refunds, MeterRegistry metrics) {
        this.providers = providers;
        this.payments = payments;
        this.refunds = refunds;
        this.metrics = metrics;
    }

    public Uni<RestResponse<String>> receive(String providerId, Notification notification) {
        PaymentProvider provider = providers.anyById(providerId)
                .filter(p -> p.notificationEndpoints().contains(notification.endpoint()))
                .orElseThrow(() -> ApiException.notFound("NOT_FOUND", "No such notification endpoint"));
        String kind = notification.endpoint().isEmpty() ? "" : notification.endpoint() + " ";
        return Uni.createFrom().deferred(() -> provider.verify(notification))
                .chain(statement -> apply(provider, statement))
                .map(rejection -> rejection == null ? provider.accepted() : refuse(provider, kind, rejection))
                .onFailure(NotificationRejected.class).recoverWithItem(f -> refuse(provider, kind, (NotificationRejected) f))
                .onFailure(f -> !(f instanceof NotificationRejected)).recoverWithItem(f -> {
                    LOG.errorf(f, "%s %snotification could not be applied", provider.id(), kind);
                    count(provider, "error");
                    return provider.refused(500, "temporarily unavailable");
                })
                .map(Notifications::http);
    }

    /** Applies what the notification states; null when accepted, else why it is refused. */
    private Uni<NotificationRejected> apply(PaymentProvider provider, NotificationStatement statement) {
        // The request's own (Vert.x context) MDC: the JSON log lines of this callback carry the payment.
        MDC.put(Traces.PAY_SN, statement instanceof NotificationStatement.RefundStated r ? r.refund().paySn()
                : ((NotificationStatement.PaymentStated) statement).status().paySn());
        if (statement instanceof NotificationStatement.RefundStated r) {
            return refunds.apply(r.refund(), provider.id(), TransitionSource.NOTIFY).map(result -> switch (result) {
                case APPLIED, UNCHANGED, ILLEGAL -> null;
                case UNKNOWN_REFUND -> new NotificationRejected("unknown_refund", 404, "unknown out_refund_no");
                case MISMATCH -> new NotificationRejected("refund_mismatch", 400, "refund does not match");
            });
        }
        NotificationStatement.PaymentStated p = (NotificationStatement.PaymentStated) statement;
        return (p.refundEcho()
                ? payments.acknowledge(p.status(), TransitionSource.NOTIFY)
                : payments.apply(p.status(), TransitionSource.NOTIFY)).map(result -> switch (result) {
                    case APPLIED, LATE_SUCCESS, UNCHANGED, ILLEGAL -> null;
                    case UNKNOWN_PAYMENT -> new NotificationRejected("unknown_payment", 404, "unknown out_trade_no");
                    case AMOUNT_MISMATCH -> new NotificationRejected("amount_mismatch", 400, "amount does not match");
                });
    }

    private NotificationReply refuse(PaymentProvider provider, String kind, NotificationRejected r) {
        LOG.warnf("%s %snotification rejected: %s (%s)", provider.id(), kind, r.reason(), r.getMessage());
        count(provider, r.reason());
        return provider.refused(r.status(), r.getMessage());
    }

    private void count(PaymentProvider provider, String reason) {
        metrics.counter(REJECTED_METRIC, "provider", provider.id(), "reason", reason).increment();
    }

    private static RestResponse<String> http(NotificationReply reply) {
        RestResponse.ResponseBuilder<String> answer = RestResponse.ResponseBuilder.create(reply.status());
        return (reply.body() == null ? answer : answer.entity(reply.body()).type(reply.contentType())).build();
    }
}
