package com.paygate.payment.provider.alipay;

import com.paygate.common.crypto.AlipaySignContent;
import com.paygate.common.crypto.Pem;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.payment.config.PaymentConfig;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The merchant's identity at Alipay: app id, the application private key that signs requests (RSA2), and
 * Alipay's public key that verifies notifications and responses. Keys are read once at start and never logged.
 */
public class AlipayMerchant {

    private static final Logger LOG = Logger.getLogger(AlipayMerchant.class);

    private final String providerId;
    private final String configPrefix;
    private final PaymentConfig.Alipay config;
    private final boolean enabled;
    private final PrivateKey privateKey;
    private final PublicKey alipayPublicKey;

    /**
     * @param providerId   the provider these settings make ({@code alipay}, or {@code alipay-test} for test mode)
     * @param configPrefix where they are ({@code payment.alipay}): the notify URL is read from it at each use
     */
    public AlipayMerchant(String providerId, String configPrefix, PaymentConfig.Alipay config) {
        this.providerId = providerId;
        this.configPrefix = configPrefix;
        this.config = config;
        this.enabled = this.config.appId().isPresent() && this.config.privateKey().isPresent()
                && this.config.alipayPublicKey().isPresent() && this.config.notifyUrl().isPresent();
        if (enabled && this.config.requireSellerId() && sellerId().isEmpty()) {
            throw new IllegalStateException(configPrefix + ".seller-id is required when Alipay is configured"
                    + " (set " + configPrefix + ".require-seller-id=false only for local development)");
        }
        if (enabled) {
            this.privateKey = Pem.readPrivateKey(this.config.privateKey().orElseThrow());
            this.alipayPublicKey = Pem.readPublicKey(this.config.alipayPublicKey().orElseThrow());
            LOG.infof("%s: Alipay app %s configured (seller %s, gateway %s)", providerId, appId(), sellerId().orElse("not checked"),
                    this.config.gatewayUrl());
        } else {
            this.privateKey = null;
            this.alipayPublicKey = null;
            LOG.infof("%s: Alipay is not configured (%s.app-id, private-key, alipay-public-key, notify-url):"
                    + " its channels are disabled", providerId, configPrefix);
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

    /** The seller (partner) id notifications must name; unset only where require-seller-id is false. */
    public Optional<String> sellerId() {
        return config.sellerId().filter(s -> !s.isBlank());
    }

    /** Read at each use, not at start: in tests it names the server's own port, known once it listens (port 0). */
    public String notifyUrl() {
        return ConfigProvider.getConfig().getValue(configPrefix + ".notify-url", String.class);
    }

    public String gatewayUrl() {
        return config.gatewayUrl();
    }

    /** RSA2 over the sorted non-empty request parameters except sign (sign_type included, as Alipay checks it). */
    public String signRequest(Map<String, String> params) {
        return RsaSha256.sign(privateKey, AlipaySignContent.of(params, AlipaySignContent.REQUEST_EXCLUDED));
    }

    /** A notification: everything but sign and sign_type, sorted, decoded values. */
    public boolean verifyNotification(Map<String, String> params) {
        return RsaSha256.verify(alipayPublicKey, AlipaySignContent.of(params, AlipaySignContent.NOTIFY_EXCLUDED), params.get("sign"));
    }

    /** A gateway answer: the exact text of the {@code *_response} node. */
    public boolean verifyResponse(String nodeText, String sign) {
        return RsaSha256.verify(alipayPublicKey, nodeText, sign);
    }
}
