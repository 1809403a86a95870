package com.paygate.payment.provider.wechat;

import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.provider.NotificationRejected;
import com.paygate.payment.service.PaymentUpdates;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * WeChat Pay's payment notifications. 204 means "accepted, stop sending" (also for a duplicate of one applied);
 * any other answer carries {"code":"FAIL"} and WeChat retries. The body is taken as the raw String so the signature
 * is checked over exactly the bytes received.
 */
@Path("/notify/wechat/pay")
public class WechatNotifyResource {

    private final WechatNotifications notifications;
    private final PaymentUpdates updates;
    private final WechatNotifyAnswers answers;

    public WechatNotifyResource(WechatNotifications notifications, PaymentUpdates updates, WechatNotifyAnswers answers) {
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
        return answers.recovering("payment", Uni.createFrom().deferred(() -> notifications.parse(
                        new WechatNotifications.Headers(timestamp, nonce, signature, serial), body == null ? "" : body))
                .chain(status -> updates.apply(status, TransitionSource.NOTIFY).map(result -> switch (result) {
                    case APPLIED, UNCHANGED, ILLEGAL -> answers.accepted();
                    case UNKNOWN_PAYMENT -> answers.reject("payment", new NotificationRejected("unknown_payment", 404, "unknown out_trade_no"));
                    case AMOUNT_MISMATCH -> answers.reject("payment", new NotificationRejected("amount_mismatch", 400, "amount does not match"));
                })));
    }
}
