package com.paygate.payment.provider.wechat;

import com.paygate.common.crypto.Pem;
import com.paygate.payment.config.PaymentConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys WeChat Pay signs with, by the id its Wechatpay-Serial header names: the public key id in public-key
 * mode, certificate serial numbers in certificate mode (filled by WechatPayClient#refreshCertificates). A serial
 * not in here, or a certificate outside its validity dates, is never trusted.
 */
public class WechatPlatformKeys {

    /** A key and the window it may be used in (a configured public key has no end). */
    record Trusted(PublicKey key, Instant notBefore, Instant notAfter) {

        static Trusted always(PublicKey key) {
            return new Trusted(key, Instant.MIN, Instant.MAX);
        }

        boolean validAt(Instant now) {
            return !now.isBefore(notBefore) && !now.isAfter(notAfter);
        }
    }

    private final Map<String, Trusted> keys = new ConcurrentHashMap<>();
    private final boolean autoCertificates;
    private final Clock clock;

    public WechatPlatformKeys(String providerId, PaymentConfig.Wechat config, MeterRegistry metrics) {
        this(config, Clock.systemUTC());
        // Seconds until the first downloaded platform certificate expires; NaN with none (a configured public key
        // does not expire), so the expiry alert only looks at certificates.
        Gauge.builder("payment.wechat.platform_certificate.expiry.seconds", this, WechatPlatformKeys::secondsToFirstExpiry)
                .tag("provider", providerId).register(metrics);
    }

    double secondsToFirstExpiry() {
        Instant now = clock.instant();
        return keys.values().stream().map(Trusted::notAfter).filter(end -> !end.equals(Instant.MAX))
                .mapToDouble(end -> Duration.between(now, end).toSeconds()).min().orElse(Double.NaN);
    }

    WechatPlatformKeys(PaymentConfig.Wechat wechat, Clock clock) {
        this.clock = clock;
        this.autoCertificates = "auto".equalsIgnoreCase(wechat.platformCertificates());
        if (wechat.complete() && wechat.platformPublicKey().isPresent() && wechat.platformPublicKeyId().isPresent()) {
            keys.put(wechat.platformPublicKeyId().get(), Trusted.always(Pem.readPublicKey(wechat.platformPublicKey().get())));
        }
    }

    public Optional<PublicKey> find(String serial) {
        if (serial == null) {
            return Optional.empty();
        }
        Trusted trusted = keys.get(serial);
        return trusted != null && trusted.validAt(clock.instant()) ? Optional.of(trusted.key()) : Optional.empty();
    }

    public boolean autoCertificates() {
        return autoCertificates;
    }

    /**
     * Adds verified downloaded certificates and drops expired ones. Serials no longer listed stay while valid:
     * WeChat may still sign with the old certificate during a rotation.
     */
    void updateCertificates(Map<String, Trusted> certificates) {
        keys.putAll(certificates);
        Instant now = clock.instant();
        keys.values().removeIf(trusted -> trusted.notAfter().isBefore(now));
    }

    /** WeChat lists serial_no as upper-case hex of the certificate's serial; compared as numbers (leading zeros). */
    static boolean serialMatches(String listed, BigInteger certificateSerial) {
        if (listed == null || listed.isEmpty() || listed.length() > 64) {
            return false;
        }
        try {
            return new BigInteger(listed, 16).equals(certificateSerial);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
