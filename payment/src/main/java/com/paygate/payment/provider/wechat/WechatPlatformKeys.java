package com.paygate.payment.provider.wechat;

import com.paygate.common.crypto.Pem;
import com.paygate.payment.config.PaymentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys WeChat Pay signs with, by the id its Wechatpay-Serial header names: the public key id in public-key
 * mode, certificate serial numbers in certificate mode (filled by WechatPayClient#refreshCertificates).
 * A serial not in here is never trusted.
 */
@ApplicationScoped
public class WechatPlatformKeys {

    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private final boolean autoCertificates;

    public WechatPlatformKeys(PaymentConfig config) {
        PaymentConfig.Wechat wechat = config.wechat();
        this.autoCertificates = "auto".equalsIgnoreCase(wechat.platformCertificates());
        if (wechat.complete() && wechat.platformPublicKey().isPresent() && wechat.platformPublicKeyId().isPresent()) {
            keys.put(wechat.platformPublicKeyId().get(), Pem.readPublicKey(wechat.platformPublicKey().get()));
        }
    }

    public Optional<PublicKey> find(String serial) {
        return serial == null ? Optional.empty() : Optional.ofNullable(keys.get(serial));
    }

    public boolean autoCertificates() {
        return autoCertificates;
    }

    /** Adds downloaded certificates; old serials stay valid while WeChat still signs with them during rotation. */
    void addCertificates(Map<String, PublicKey> certificates) {
        keys.putAll(certificates);
    }
}
