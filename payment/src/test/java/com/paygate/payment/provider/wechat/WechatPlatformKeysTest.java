package com.paygate.payment.provider.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.payment.config.PaymentConfig;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which downloaded certificates are trusted, and for how long. */
class WechatPlatformKeysTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void aCertificateIsTrustedOnlyWithinItsValidityDatesAndExpiredOnesAreDropped() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        WechatPlatformKeys keys = new WechatPlatformKeys(certificateMode().wechat(), clock);
        PublicKey key = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
        keys.updateCertificates(Map.of(
                "OLD", new WechatPlatformKeys.Trusted(key, NOW.minus(Duration.ofDays(365)), NOW.plus(Duration.ofDays(1))),
                "NEXT", new WechatPlatformKeys.Trusted(key, NOW.plus(Duration.ofDays(7)), NOW.plus(Duration.ofDays(365)))));

        assertTrue(keys.find("OLD").isPresent());
        assertFalse(keys.find("NEXT").isPresent(), "not yet valid");
        assertFalse(keys.find("UNKNOWN").isPresent());

        clock.now = NOW.plus(Duration.ofDays(8));
        assertFalse(keys.find("OLD").isPresent(), "expired");
        assertTrue(keys.find("NEXT").isPresent());
        keys.updateCertificates(Map.of());
        clock.now = NOW;
        assertFalse(keys.find("OLD").isPresent(), "dropped at the refresh after it expired, not merely hidden");
    }

    @Test
    void theExpiryGaugeReadsTheFirstCertificateToExpireAndNothingWithoutCertificates() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        WechatPlatformKeys keys = new WechatPlatformKeys(certificateMode().wechat(), clock);
        assertTrue(Double.isNaN(keys.secondsToFirstExpiry()), "no certificate, no expiry to alert on");
        PublicKey key = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
        keys.updateCertificates(Map.of(
                "OLD", new WechatPlatformKeys.Trusted(key, NOW.minus(Duration.ofDays(365)), NOW.plus(Duration.ofDays(6))),
                "NEXT", new WechatPlatformKeys.Trusted(key, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)))));
        assertEquals(Duration.ofDays(6).toSeconds(), keys.secondsToFirstExpiry(), 0.0, "under the 7-day alert threshold");
    }

    @Test
    void theListedSerialMustBeTheCertificatesOwn() {
        BigInteger serial = new BigInteger("0A1B2C", 16);
        assertTrue(WechatPlatformKeys.serialMatches("0A1B2C", serial));
        assertTrue(WechatPlatformKeys.serialMatches("a1b2c", serial), "case and leading zeros do not matter");
        assertFalse(WechatPlatformKeys.serialMatches("0A1B2D", serial));
        assertFalse(WechatPlatformKeys.serialMatches("not-hex", serial));
        assertFalse(WechatPlatformKeys.serialMatches("", serial));
        assertFalse(WechatPlatformKeys.serialMatches(null, serial));
    }

    /** payment.wechat.* as a merchant on certificate mode would set it, without a public key. */
    private static PaymentConfig certificateMode() {
        PaymentConfig.Wechat wechat = (PaymentConfig.Wechat) Proxy.newProxyInstance(PaymentConfig.class.getClassLoader(),
                new Class<?>[] {PaymentConfig.Wechat.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "platformCertificates" -> "auto";
                    case "complete" -> false;
                    default -> Optional.empty();
                });
        return (PaymentConfig) Proxy.newProxyInstance(PaymentConfig.class.getClassLoader(), new Class<?>[] {PaymentConfig.class},
                (proxy, method, args) -> method.getName().equals("wechat") ? wechat : null);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
