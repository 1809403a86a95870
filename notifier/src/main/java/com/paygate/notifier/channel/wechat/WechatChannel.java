package com.paygate.notifier.channel.wechat;

import com.paygate.notifier.channel.DeliveryResult;
import com.paygate.notifier.channel.NotificationChannel;
import com.paygate.notifier.config.NotifierConfig;
import com.paygate.notifier.domain.Notification;
import com.paygate.notifier.support.Redaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * WeChat mini-program subscribe messages ({@code /cgi-bin/message/subscribe/send}). A token WeChat calls invalid
 * or expired is replaced and the send repeated once within the same attempt; WeChat's errcodes are mapped onto
 * {@link DeliveryResult} here and nowhere else.
 */
@ApplicationScoped
public class WechatChannel implements NotificationChannel {

    public static final String ID = "wechat";

    /** invalid credential, access_token expired, invalid access_token. */
    private static final Set<Integer> STALE_TOKEN = Set.of(40001, 42001, 40014);
    /** The user refused or cancelled the subscription; the openid is not a user of this mini-program. */
    private static final Set<Integer> RECIPIENT_REFUSED = Set.of(43101, 40003);
    /** Invalid template id, template data breaking a keyword rule, unknown page: our configuration is wrong. */
    private static final Set<Integer> REQUEST_INVALID = Set.of(40037, 47003, 41030);

    private final WechatApi api;
    private final AccessTokens tokens;
    private final NotifierConfig.Wechat config;

    public WechatChannel(@RestClient WechatApi api, AccessTokens tokens, NotifierConfig config) {
        this.api = api;
        this.tokens = tokens;
        this.config = config.wechat();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public boolean canReach(Notification notification) {
        boolean templateConfigured = switch (notification.kind()) {
            case ORDER_PAID -> true; // required configuration
            case ORDER_REFUNDED -> config.templateId().orderRefunded().isPresent();
            case ORDER_REFUND_FAILED -> config.templateId().orderRefundFailed().isPresent();
        };
        return templateConfigured && notification.openid() != null && !notification.openid().isBlank();
    }

    @Override
    public Uni<DeliveryResult> deliver(Notification notification) {
        WechatModels.SubscribeMessage message = switch (notification.kind()) {
            case ORDER_PAID -> OrderPaidMessage.build(notification, config);
            case ORDER_REFUNDED -> OrderRefundedMessage.build(notification, config);
            case ORDER_REFUND_FAILED -> OrderRefundFailedMessage.build(notification, config);
        };
        return tokens.get()
                .chain(token -> api.sendSubscribeMessage(token, message)
                        .chain(response -> STALE_TOKEN.contains(response.code())
                                ? tokens.replace(token).chain(fresh -> api.sendSubscribeMessage(fresh, message))
                                : Uni.createFrom().item(response)))
                .map(WechatChannel::toResult);
    }

    static DeliveryResult toResult(WechatModels.SendResponse response) {
        int code = response.code();
        if (code == 0) {
            return DeliveryResult.sent(response.msgid() == null ? null : response.msgid().toString());
        }
        String detail = "errcode " + code + ": " + Redaction.mask(response.errmsg());
        if (RECIPIENT_REFUSED.contains(code)) {
            return DeliveryResult.rejected(detail);
        }
        if (REQUEST_INVALID.contains(code)) {
            return DeliveryResult.invalid(detail);
        }
        return DeliveryResult.retry(detail);
    }
}
