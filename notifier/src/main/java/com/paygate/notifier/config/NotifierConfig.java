package com.paygate.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.Optional;

/** Everything the notifier reads from configuration (prefix {@code notifier}); validated at start. */
@ConfigMapping(prefix = "notifier")
public interface NotifierConfig {

    Wechat wechat();

    /** Attempts per notification (first send included) before it is dead-lettered. */
    @WithDefault("6")
    @Min(1)
    @Max(50)
    int maxAttempts();

    Retry retry();

    /** Topic that receives notifications given up on: key orderSn, value the original event plus the last error. */
    @WithDefault("notifier-dlq")
    String deadLetterTopic();

    interface Wechat {

        /** The mini-program's appid; tokens are fetched for it. */
        @NotBlank
        String appId();

        /** The mini-program's AppSecret: only ever sent to WeChat's token endpoint, never logged. */
        @NotBlank
        String appSecret();

        @WithDefault("https://api.weixin.qq.com")
        String baseUrl();

        TemplateId templateId();

        /** Which build of the mini-program the message opens: formal in production, trial/developer elsewhere. */
        MiniprogramState miniprogramState();

        @WithDefault("zh_CN")
        String lang();

        /** Page opened from the message; {orderSn} is replaced. */
        @WithDefault("pages/order/detail?orderSn={orderSn}")
        String orderPaidPage();

        /**
         * Refresh the cached token this long before WeChat says it expires, so a token never dies in flight.
         */
        @WithDefault("5m")
        Duration tokenRefreshMargin();

        /** Keyword names of the order-paid template as configured in the WeChat console. */
        OrderPaidKeys orderPaidKeys();

        /** Keyword names of the order-refunded template as configured in the WeChat console. */
        OrderRefundedKeys orderRefundedKeys();

        /** Keyword names of the order-refund-failed template as configured in the WeChat console. */
        OrderRefundFailedKeys orderRefundFailedKeys();
    }

    interface TemplateId {

        @NotBlank
        String orderPaid();

        /** Without it refunds are logged SKIPPED for WeChat (an operator may not have applied for the template yet). */
        Optional<String> orderRefunded();

        /** Without it a refused refund is logged SKIPPED for WeChat, like orderRefunded. */
        Optional<String> orderRefundFailed();
    }

    interface OrderPaidKeys {

        @WithDefault("character_string1")
        String orderSn();

        @WithDefault("thing2")
        String title();

        @WithDefault("amount3")
        String amount();

        @WithDefault("character_string4")
        String redeemCode();

        @WithDefault("time5")
        String paidAt();
    }

    interface OrderRefundedKeys {

        @WithDefault("character_string1")
        String orderSn();

        @WithDefault("thing2")
        String title();

        @WithDefault("amount3")
        String amount();

        @WithDefault("time4")
        String refundedAt();
    }

    interface OrderRefundFailedKeys {

        @WithDefault("character_string1")
        String orderSn();

        @WithDefault("thing2")
        String title();

        @WithDefault("amount3")
        String amount();

        /** What happened and what the user can do (a fixed text: the provider's reason is not for users). */
        @WithDefault("thing4")
        String reason();

        @WithDefault("退款未成功，订单仍可使用")
        String reasonText();
    }

    interface Retry {

        /** Wait after the first failed attempt; doubles per attempt up to max-delay. */
        @WithDefault("30s")
        Duration initialDelay();

        @WithDefault("1h")
        Duration maxDelay();

        /**
         * How long a claimed notification is reserved for the replica sending it before another may take it. Must
         * be at least twice one attempt (at most 30 s, checked at start); a retry pass only starts attempts that can
         * finish within their lease.
         */
        @WithDefault("2m")
        Duration lease();

        @WithDefault("50")
        @Min(1)
        int batchSize();

        /** How often the retry job looks for due notifications (read by its @Scheduled expression too). */
        @WithDefault("5s")
        Duration pollInterval();
    }

    enum MiniprogramState {
        FORMAL, TRIAL, DEVELOPER;

        /** WeChat's spelling: formal, trial, developer. */
        public String wireValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
