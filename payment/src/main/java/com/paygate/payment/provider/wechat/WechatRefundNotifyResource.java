package com.paygate.payment.provider.wechat;

import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.provider.NotificationRejected;
import com.paygate.payment.refund.RefundUpdates;
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
 * WeChat Pay's refund notifications (REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED), verified and decrypted by
 * the same {@link WechatNotifications} as payment notifications. 204 = accepted (a duplicate too); anything else
 * carries {"code":"FAIL"} and WeChat retries.
 */
@Path("/notify/wechat/refund")
public class WechatRefundNotifyResource {

    private static final Logger LOG = Logger.getLogger(WechatRefundNotifyResource.class);

    private final WechatNotifications notifications;
    private final RefundUpdates updates;
    private final MeterRegistry metrics;

    public WechatRefundNotifyResource(WechatNotifications notifications, RefundUpdates updates, MeterRegistry metrics) {
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
        return Uni.createFrom().deferred(() -> notifications.parseRefund(
                        new WechatNotifications.Headers(timestamp, nonce, signature, serial), body == null ? "" : body))
                .chain(refund -> updates.apply(refund, TransitionSource.NOTIFY).map(result -> switch (result) {
                    case APPLIED, UNCHANGED, ILLEGAL -> Response.noContent().build();
                    case UNKNOWN_REFUND -> reject(new NotificationRejected("unknown_refund", 404, "unknown out_refund_no"));
                    case MISMATCH -> reject(new NotificationRejected("refund_mismatch", 400, "refund does not match"));
                }))
                .onFailure(NotificationRejected.class).recoverWithItem(f -> reject((NotificationRejected) f))
                .onFailure(f -> !(f instanceof NotificationRejected)).recoverWithItem(f -> {
                    LOG.errorf(f, "WeChat refund notification could not be applied");
                    metrics.counter("payment.notifications.rejected", "provider", "wechat", "reason", "error").increment();
                    return Response.status(500).type(MediaType.APPLICATION_JSON)
                            .entity(Map.of("code", "FAIL", "message", "temporarily unavailable")).build();
                });
    }

    private Response reject(NotificationRejected r) {
        LOG.warnf("WeChat refund notification rejected: %s (%s)", r.reason(), r.getMessage());
        metrics.counter("payment.notifications.rejected", "provider", "wechat", "reason", r.reason()).increment();
        return Response.status(r.status()).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", "FAIL", "message", r.getMessage())).build();
    }
}
