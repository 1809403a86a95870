package com.paygate.payment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** All payment settings. The provider groups are optional: without them the service starts and the channels answer 422. */
@ConfigMapping(prefix = "payment")
public interface PaymentConfig {

    /** A NOTPAY payment older than this is queried at the provider when polled (at most once per interval). */
    @WithDefault("10s")
    Duration activeQueryAfter();

    /** How long a prepay (and so an unpaid payment) stays valid; capped by the order's own expiry. */
    @WithDefault("2h")
    Duration prepayTtl();

    Jobs jobs();

    Checkout checkout();

    Wechat wechat();

    /** Alipay settings: ALIPAY_WAP is enabled when app-id, private-key, alipay-public-key and notify-url are set. */
    Alipay alipay();

    /**
     * The providers apps created in test mode pay through: the same settings as {@code payment.wechat.*} and
     * {@code payment.alipay.*} under {@code payment.test-mode.}, pointing at a deployed sandbox (never at WeChat Pay
     * or Alipay themselves: the service refuses to start so). Unset: test-mode apps' channels are not enabled.
     */
    TestMode testMode();

    interface TestMode {
        Wechat wechat();

        Alipay alipay();
    }

    interface Checkout {
        /**
         * Where the checkout page finds the order API; unset: this origin (behind the ingress). A developer machine
         * sets another port (PAYMENT_CHECKOUT_ORDER_API_URL).
         */
        Optional<String> orderApiUrl();
    }

    interface Alipay {
        Optional<String> appId();

        /** The seller (partner, 2088...) id notifications must carry; required unless require-seller-id is false. */
        Optional<String> sellerId();

        /** Without a seller id a notification for another seller under our app id would be believed: prod refuses to start. */
        @WithDefault("true")
        boolean requireSellerId();

        /** PEM file (PKCS#8) of the application private key that signs requests (RSA2). */
        Optional<Path> privateKey();

        /** PEM file of Alipay's public key (public-key mode): verifies notifications and responses. */
        Optional<Path> alipayPublicKey();

        @WithDefault("https://openapi.alipay.com/gateway.do")
        String gatewayUrl();

        /** Our public /notify/alipay URL. */
        Optional<String> notifyUrl();
    }

    interface Jobs {
        /** Rows one job run claims. */
        @WithDefault("20")
        int batchSize();

        /** Period of the job closing expired unpaid payments (read by @Scheduled). */
        @WithDefault("30s")
        String expireEvery();

        /** How long a claimed expired payment is left to the replica closing it before another may retry. */
        @WithDefault("60s")
        Duration closeLease();

        /** Period of the job querying payments whose notification is late (read by @Scheduled). */
        @WithDefault("15s")
        String queryEvery();
    }

    interface Wechat {
        /** The merchant's default appid: what a payment pays in unless its business line names another. */
        Optional<String> appId();

        /**
         * Further appids bound to the merchant (a mini-program, an official account, an H5 site), by name:
         * payment.wechat.apps.<name>.app-id. An app pays JSAPI in the one it names (its openids belong to it).
         */
        Map<String, BoundApp> apps();

        interface BoundApp {
            String appId();
        }

        Optional<String> mchId();

        Optional<String> merchantSerialNo();

        /** PEM file (PKCS#8) of the merchant API key. */
        Optional<Path> merchantPrivateKey();

        /** 32-character API v3 key: decrypts notifications and platform certificates. Never logged. */
        Optional<String> apiV3Key();

        /** WeChat Pay public-key mode: the PEM file and its id (Wechatpay-Serial names it). */
        Optional<Path> platformPublicKey();

        Optional<String> platformPublicKeyId();

        /** {@code auto}: download and refresh /v3/certificates (platform-certificate merchants); {@code off} otherwise. */
        @WithDefault("off")
        String platformCertificates();

        /** Certificate mode: how often /v3/certificates is downloaded again (and once at start). */
        @WithDefault("6h")
        String certificatesRefreshEvery();

        @WithDefault("https://api.mch.weixin.qq.com")
        String baseUrl();

        Optional<String> notifyUrl();

        /** Our public /notify/wechat/refund URL, sent as each refund's notify_url (without it: queries only). */
        Optional<String> refundNotifyUrl();

        /** True when every setting a merchant needs is present; otherwise the WeChat channels are disabled. */
        default boolean complete() {
            boolean keys = platformPublicKey().isPresent() && platformPublicKeyId().isPresent()
                    || "auto".equalsIgnoreCase(platformCertificates());
            return appId().isPresent() && mchId().isPresent() && merchantSerialNo().isPresent()
                    && merchantPrivateKey().isPresent() && apiV3Key().isPresent() && notifyUrl().isPresent() && keys;
        }
    }
}
