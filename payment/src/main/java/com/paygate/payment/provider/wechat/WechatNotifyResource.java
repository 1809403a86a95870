package com.paygate.payment.provider.wechat;

import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.provider.NotificationRejected;
import com.paygate.payment.service.PaymentUpdates;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * WeChat Pay's payment notifications. 204 means "accepted, stop sending" (also for a duplicate of one applied);
 * any other answer carries {"code":"FAIL"} and WeChat retries. The body is taken as the raw String so the signature
 * is checked over exactly the bytes received.
 */
@Path("/notify/wechat/pay")
public class WechatNotifyResource {

    private static final Logger LOG = Logger.getLogger(WechatNotifyResource.class);

    private final WechatNotifications notifications;
    private final PaymentUpdates updates;
    private final MeterRegistry metrics;

    public WechatNotifyResource(WechatNotifications notifications, PaymentUpdates updates, MeterRegistry metrics) {
        this.notifications = notifications;
        this.updates = updates;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(String body,
            @HeaderParam("Wechatpay-Timestamp") String timestamp,
            @HeaderParam("Wechatpay-Nonce") String nonce,
            @HeaderParam("Wechatpay-Signature") String signature,
            @HeaderParam("Wechatpay-Serial") String serial) {
        return Uni.createFrom().deferred(() -> notifications.parse(
                        new WechatNotifications.Headers(timestamp, nonce, signature, serial), body == null ? "" : body))
                .chain(status -> updates.apply(status, TransitionSource.NOTIFY).map(result -> switch (result) {
                    case APPLIED, UNCHANGED, ILLEGAL -> Response.noContent().build();
                    case UNKNOWN_PAYMENT -> reject(new NotificationRejected("unknown_payment", 404, "unknown out_trade_no"));
                    case AMOUNT_MISMATCH -> reject(new NotificationRejected("amount_mismatch", 400, "amount does not match"));
                }))
                .onFailure(NotificationRejected.class).recoverWithItem(f -> reject((NotificationRejected) f))
                .onFailure(f -> !(f instanceof NotificationRejected)).recoverWithItem(f -> {
                    LOG.errorf(f, "WeChat notification could not be applied");
                    metrics.counter("payment.notifications.rejected", "provider", "wechat", "reason", "error").increment();
                    return Response.status(500).entity(Map.of("code", "FAIL", "message", "temporarily unavailable")).build();
                });
    }

    private Response reject(NotificationRejected r) {
        LOG.warnf("WeChat notification rejected: %s (%s)", r.reason(), r.getMessage());
        metrics.counter("payment.notifications.rejected", "provider", "wechat", "reason", r.reason()).increment();
        return Response.status(r.status()).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", "FAIL", "message", r.getMessage())).build();
    }
}
