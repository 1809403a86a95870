package com.paygate.payment.provider.wechat;

import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.provider.NotificationRejected;
import com.paygate.payment.refund.RefundUpdates;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * WeChat Pay's refund notifications (REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED), verified and decrypted by
 * the same {@link WechatNotifications} as payment notifications. 204 = accepted (a duplicate too); anything else
 * carries {"code":"FAIL"} and WeChat retries.
 */
@Path("/notify/wechat/refund")
public class WechatRefundNotifyResource {

    private final WechatNotifications notifications;
    private final RefundUpdates updates;
    private final WechatNotifyAnswers answers;

    public WechatRefundNotifyResource(WechatNotifications notifications, RefundUpdates updates, WechatNotifyAnswers answers) {
        this.notifications = notifications;
        this.updates = updates;
        this.answers = answers;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(String body,
            @HeaderParam("Wechatpay-Timestamp") String timestamp,
            @HeaderParam("Wechatpay-Nonce") String nonce,
            @HeaderParam("Wechatpay-Signature") String signature,
            @HeaderParam("Wechatpay-Serial") String serial) {
        return answers.recovering("refund", Uni.createFrom().deferred(() -> notifications.parseRefund(
                        new WechatNotifications.Headers(timestamp, nonce, signature, serial), body == null ? "" : body))
                .chain(refund -> updates.apply(refund, TransitionSource.NOTIFY).map(result -> switch (result) {
                    case APPLIED, UNCHANGED, ILLEGAL -> answers.accepted();
                    case UNKNOWN_REFUND -> answers.reject("refund", new NotificationRejected("unknown_refund", 404, "unknown out_refund_no"));
                    case MISMATCH -> answers.reject("refund", new NotificationRejected("refund_mismatch", 400, "refund does not match"));
                })));
    }
}
