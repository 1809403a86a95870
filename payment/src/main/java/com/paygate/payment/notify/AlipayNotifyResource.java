package com.paygate.payment.notify;

import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.provider.NotificationRejected;
import com.paygate.payment.provider.alipay.AlipayNotifications;
import com.paygate.payment.service.PaymentUpdates;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * Alipay's asynchronous notifications. Alipay stops re-sending only on the plain text {@code success}, so that is
 * the answer once the notification is applied or already was (duplicates, replays of an applied one); anything
 * we refuse gets {@code failure} and Alipay retries on its schedule. The body is read raw and decoded here.
 */
@Path("/notify/alipay")
public class AlipayNotifyResource {

    private static final Logger LOG = Logger.getLogger(AlipayNotifyResource.class);
    static final String SUCCESS = "success";
    static final String FAILURE = "failure";

    private final AlipayNotifications notifications;
    private final PaymentUpdates updates;
    private final MeterRegistry metrics;

    public AlipayNotifyResource(AlipayNotifications notifications, PaymentUpdates updates, MeterRegistry metrics) {
        this.notifications = notifications;
        this.updates = updates;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<Response> receive(String body) {
        return Uni.createFrom().item(() -> notifications.parse(body))
                .chain(notification -> (notification.refundEcho()
                        ? updates.acknowledge(notification.status(), TransitionSource.NOTIFY)
                        : updates.apply(notification.status(), TransitionSource.NOTIFY)).map(result -> switch (result) {
                    // ILLEGAL is an alert already; re-sending cannot change the answer.
                    case APPLIED, LATE_SUCCESS, UNCHANGED, ILLEGAL -> text(SUCCESS);
                    case UNKNOWN_PAYMENT -> reject(new NotificationRejected("unknown_payment", 400, "unknown out_trade_no"));
                    case AMOUNT_MISMATCH -> reject(new NotificationRejected("amount_mismatch", 400, "amount does not match"));
                }))
                .onFailure(NotificationRejected.class).recoverWithItem(f -> reject((NotificationRejected) f))
                .onFailure(f -> !(f instanceof NotificationRejected)).recoverWithItem(f -> {
                    LOG.errorf(f, "Alipay notification could not be applied");
                    metrics.counter("payment.notifications.rejected", "provider", "alipay", "reason", "error").increment();
                    return text(FAILURE);
                });
    }

    private Response reject(NotificationRejected r) {
        LOG.warnf("Alipay notification rejected: %s (%s)", r.reason(), r.getMessage());
        metrics.counter("payment.notifications.rejected", "provider", "alipay", "reason", r.reason()).increment();
        return text(FAILURE);
    }

    private static Response text(String answer) {
        // Alipay reads the body only; 200 either way, as its documentation shows.
        return Response.ok(answer, MediaType.TEXT_PLAIN_TYPE).build();
    }
}
