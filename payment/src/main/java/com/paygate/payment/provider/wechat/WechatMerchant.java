package com.paygate.payment.provider.wechat;

import com.paygate.common.crypto.AesGcm;
import com.paygate.common.crypto.Pem;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import com.paygate.payment.config.PaymentConfig;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The merchant's identity at WeChat Pay: ids, the API key that signs requests and paySign, the API v3 key that
 * decrypts. Keys are read once at start (file reads, not on the event loop of a request) and never logged.
 */
public class WechatMerchant {

    private static final Logger LOG = Logger.getLogger(WechatMerchant.class);

    private final String providerId;
    private final String configPrefix;
    private final PaymentConfig.Wechat config;
    private final boolean enabled;
    private final PrivateKey privateKey;
    private final AesGcm aead;

    /**
     * @param providerId   the provider these settings make ({@code wechat}, or {@code wechat-test} for test mode)
     * @param configPrefix where they are ({@code payment.wechat}): the notify URLs are read from it at each use
     */
    public WechatMerchant(String providerId, String configPrefix, PaymentConfig.Wechat config) {
        this.providerId = providerId;
        this.configPrefix = configPrefix;
        this.config = config;
        this.enabled = config.complete();
        if (enabled) {
            this.privateKey = Pem.readPrivateKey(config.merchantPrivateKey().orElseThrow());
            this.aead = new AesGcm(config.apiV3Key().orElseThrow());
            LOG.infof("%s: WeChat Pay merchant %s configured (app %s, key serial %s, %s)", providerId, mchId(), appId(),
                    config.merchantSerialNo().orElseThrow(), config.baseUrl());
        } else {
            this.privateKey = null;
            this.aead = null;
            LOG.infof("%s: WeChat Pay is not configured (%s.*): its channels are disabled", providerId, configPrefix);
        }
    }

    public String providerId() {
        return providerId;
    }

    public boolean enabled() {
        return enabled;
    }

    public String appId() {
        return config.appId().orElseThrow();
    }

    /** The appid a payment pays in: the default (null) or one bound by name (payment.wechat.apps.<name>.app-id). */
    public String appId(String payerApp) {
        if (payerApp == null) {
            return appId();
        }
        PaymentConfig.Wechat.BoundApp bound = config.apps().get(payerApp);
        if (bound == null) {
            throw new IllegalArgumentException("no WeChat app named " + payerApp);
        }
        return bound.appId();
    }

    public boolean knowsApp(String payerApp) {
        return payerApp == null || config.apps().containsKey(payerApp);
    }

    /** Every appid bound to the merchant: a transaction in any other is not ours. */
    public boolean isOurs(String appid) {
        return appId().equals(appid) || config.apps().values().stream().anyMatch(a -> a.appId().equals(appid));
    }

    public String mchId() {
        return config.mchId().orElseThrow();
    }

    /** Read at each use, not at start: in tests it names the server's own port, known once it listens (port 0). */
    public String notifyUrl() {
        return ConfigProvider.getConfig().getValue(configPrefix + ".notify-url", String.class);
    }

    /** Where WeChat sends refund results; unset means the refund job's queries alone settle refunds. Read as above. */
    public Optional<String> refundNotifyUrl() {
        return ConfigProvider.getConfig().getOptionalValue(configPrefix + ".refund-notify-url", String.class);
    }

    public PaymentConfig.Wechat config() {
        return config;
    }

    public AesGcm aead() {
        return aead;
    }

    public String sign(String message) {
        return RsaSha256.sign(privateKey, message);
    }

    /** The Authorization header for one request; the signed body must be the body sent. */
    public String authorization(String method, String pathWithQuery, String body) {
        long timestamp = Instant.now().getEpochSecond();
        String nonce = WechatPaySignatures.nonce();
        String signature = sign(WechatPaySignatures.requestMessage(method, pathWithQuery, timestamp, nonce, body));
        return WechatPaySignatures.authorization(mchId(), nonce, signature, timestamp, config.merchantSerialNo().orElseThrow());
    }

}
