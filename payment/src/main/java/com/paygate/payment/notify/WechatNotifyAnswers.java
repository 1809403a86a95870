package com.paygate.payment.notify;

import com.paygate.payment.provider.NotificationRejected;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The answers WeChat Pay expects to its notifications, shared by the payment and refund endpoints: 204 means
 * "accepted, stop sending" (a duplicate of one applied too); anything else carries {"code":"FAIL","message"} and
 * WeChat retries. Every rejection is logged and counted; the message never carries key material.
 */
@ApplicationScoped
public class WechatNotifyAnswers {

    private static final Logger LOG = Logger.getLogger(WechatNotifyAnswers.class);

    private final MeterRegistry metrics;

    public WechatNotifyAnswers(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public Response accepted() {
        return Response.noContent().build();
    }

    /** @param kind "payment" or "refund", for the log line */
    public Response reject(String kind, NotificationRejected r) {
        LOG.warnf("WeChat %s notification rejected: %s (%s)", kind, r.reason(), r.getMessage());
        metrics.counter("payment.notifications.rejected", "provider", "wechat", "reason", r.reason()).increment();
        return fail(r.status(), r.getMessage());
    }

    /** Answers a rejection as such, and any other failure with a 500 so WeChat delivers the notification again later. */
    public Uni<Response> recovering(String kind, Uni<Response> handling) {
        return handling
                .onFailure(NotificationRejected.class).recoverWithItem(f -> reject(kind, (NotificationRejected) f))
                .onFailure(f -> !(f instanceof NotificationRejected)).recoverWithItem(f -> {
                    LOG.errorf(f, "WeChat %s notification could not be applied", kind);
                    metrics.counter("payment.notifications.rejected", "provider", "wechat", "reason", "error").increment();
                    return fail(500, "temporarily unavailable");
                });
    }

    private static Response fail(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("code", "FAIL", "message", message)).build();
    }
}
