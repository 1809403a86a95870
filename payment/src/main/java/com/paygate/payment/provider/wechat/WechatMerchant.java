package com.paygate.payment.provider.wechat;

import com.paygate.common.crypto.AesGcm;
import com.paygate.common.crypto.Pem;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import com.paygate.payment.config.PaymentConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The merchant's identity at WeChat Pay: ids, the API key that signs requests and paySign, the API v3 key that
 * decrypts. Keys are read once at start (file reads, not on the event loop of a request) and never logged.
 */
@Startup // keys are read from files: at start, never lazily on an event loop
@ApplicationScoped
public class WechatMerchant {

    private static final Logger LOG = Logger.getLogger(WechatMerchant.class);

    private final PaymentConfig.Wechat config;
    private final boolean enabled;
    private final PrivateKey privateKey;
    private final AesGcm aead;

    public WechatMerchant(PaymentConfig config) {
        this.config = config.wechat();
        this.enabled = this.config.complete();
        if (enabled) {
            this.privateKey = Pem.readPrivateKey(this.config.merchantPrivateKey().orElseThrow());
            this.aead = new AesGcm(this.config.apiV3Key().orElseThrow());
            LOG.infof("WeChat Pay merchant %s configured (app %s, key serial %s)", mchId(), appId(),
                    this.config.merchantSerialNo().orElseThrow());
        } else {
            this.privateKey = null;
            this.aead = null;
            LOG.info("WeChat Pay is not configured (payment.wechat.*): WeChat channels are disabled");
        }
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
        return ConfigProvider.getConfig().getValue("payment.wechat.notify-url", String.class);
    }

    /** Where WeChat sends refund results; unset means the refund job's queries alone settle refunds. Read as above. */
    public Optional<String> refundNotifyUrl() {
        return ConfigProvider.getConfig().getOptionalValue("payment.wechat.refund-notify-url", String.class);
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
