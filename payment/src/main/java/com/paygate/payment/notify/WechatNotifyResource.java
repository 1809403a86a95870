package com.paygate.payment.notify;

import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.provider.NotificationRejected;
import com.paygate.payment.provider.wechat.WechatNotifications;
import com.paygate.payment.service.PaymentUpdates;
import com.paygate.payment.service.RefundUpdates;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * WeChat Pay's payment and refund notifications, both verified and decrypted by {@link WechatNotifications} and
 * answered by {@link WechatNotifyAnswers} (204 accepted, a duplicate too; else {"code":"FAIL"} and WeChat retries).
 * The body is taken as the raw String so the signature is checked over exactly the bytes received.
 */
@Path("/notify/wechat")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class WechatNotifyResource {

    private final WechatNotifications notifications;
    private final PaymentUpdates payments;
    private final RefundUpdates refunds;
    private final WechatNotifyAnswers answers;

    public WechatNotifyResource(WechatNotifications notifications, PaymentUpdates payments, RefundUpdates refunds,
            WechatNotifyAnswers answers) {
        this.notifications = notifications;
        this.payments = payments;
        this.refunds = refunds;
        this.answers = answers;
    }

    @POST
    @Path("/pay")
    public Uni<Response> payment(String body, @Context HttpHeaders headers) {
        return answers.recovering("payment", Uni.createFrom().deferred(() -> notifications.parse(
                        WechatNotifications.Headers.of(headers), body == null ? "" : body))
                .chain(status -> payments.apply(status, TransitionSource.NOTIFY).map(result -> switch (result) {
                    case APPLIED, LATE_SUCCESS, UNCHANGED, ILLEGAL -> answers.accepted();
                    case UNKNOWN_PAYMENT -> answers.reject("payment", new NotificationRejected("unknown_payment", 404, "unknown out_trade_no"));
                    case AMOUNT_MISMATCH -> answers.reject("payment", new NotificationRejected("amount_mismatch", 400, "amount does not match"));
                })));
    }

    /** REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED. */
    @POST
    @Path("/refund")
    public Uni<Response> refund(String body, @Context HttpHeaders headers) {
        return answers.recovering("refund", Uni.createFrom().deferred(() -> notifications.parseRefund(
                        WechatNotifications.Headers.of(headers), body == null ? "" : body))
                .chain(refund -> refunds.apply(refund, TransitionSource.NOTIFY).map(result -> switch (result) {
                    case APPLIED, UNCHANGED, ILLEGAL -> answers.accepted();
                    case UNKNOWN_REFUND -> answers.reject("refund", new NotificationRejected("unknown_refund", 404, "unknown out_refund_no"));
                    case MISMATCH -> answers.reject("refund", new NotificationRejected("refund_mismatch", 400, "refund does not match"));
                })));
    }
}
