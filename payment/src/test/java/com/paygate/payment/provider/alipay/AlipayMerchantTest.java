package com.paygate.payment.provider.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.common.crypto.AlipaySignContent;
import com.paygate.common.crypto.Pem;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.payment.config.PaymentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ALIPAY_WAP is enabled only with a complete payment.alipay.* group; the keys it loads sign and verify as configured. */
class AlipayMerchantTest {

    @TempDir
    Path dir;

    private static PaymentConfig config(Optional<String> appId, Optional<Path> privateKey, Optional<Path> alipayKey,
            Optional<String> notifyUrl) {
        return config(appId, privateKey, alipayKey, notifyUrl, Optional.empty(), false);
    }

    private static PaymentConfig config(Optional<String> appId, Optional<Path> privateKey, Optional<Path> alipayKey,
            Optional<String> notifyUrl, Optional<String> sellerId, boolean requireSellerId) {
        PaymentConfig.Alipay alipay = new PaymentConfig.Alipay() {
            public Optional<String> appId() { return appId; }
            public Optional<String> sellerId() { return sellerId; }
            public boolean requireSellerId() { return requireSellerId; }
            public Optional<Path> privateKey() { return privateKey; }
            public Optional<Path> alipayPublicKey() { return alipayKey; }
            public String gatewayUrl() { return "https://openapi.alipay.com/gateway.do"; }
            public Optional<String> notifyUrl() { return notifyUrl; }
        };
        return new PaymentConfig() {
            public Duration activeQueryAfter() { return Duration.ofSeconds(10); }
            public Duration prepayTtl() { return Duration.ofHours(2); }
            public Jobs jobs() { return null; }
            public Checkout checkout() { return null; }
            public Wechat wechat() { return null; }
            public Alipay alipay() { return alipay; }
            public TestMode testMode() { return null; }
        };
    }

    private static AlipayMerchant merchant(PaymentConfig config) {
        return new AlipayMerchant(AlipayProvider.ID, "payment.alipay", config.alipay());
    }

    @Test
    void enabledOnlyWhenEverySettingIsThere() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair merchant = generator.generateKeyPair();
        KeyPair alipay = generator.generateKeyPair();
        Path privateKey = Files.writeString(dir.resolve("app-private.pem"), Pem.encode(merchant.getPrivate()));
        Path alipayKey = Files.writeString(dir.resolve("alipay-public.pem"), Pem.encode(alipay.getPublic()));
        Optional<String> app = Optional.of("2021000000000001");
        Optional<String> notify = Optional.of("https://pay.example/notify/alipay");

        assertFalse(merchant(config(Optional.empty(), Optional.of(privateKey), Optional.of(alipayKey), notify)).enabled());
        assertFalse(merchant(config(app, Optional.empty(), Optional.of(alipayKey), notify)).enabled());
        assertFalse(merchant(config(app, Optional.of(privateKey), Optional.empty(), notify)).enabled());
        assertFalse(merchant(config(app, Optional.of(privateKey), Optional.of(alipayKey), Optional.empty())).enabled());

        AlipayMerchant complete = merchant(config(app, Optional.of(privateKey), Optional.of(alipayKey), notify));
        assertTrue(complete.enabled());
        assertTrue(complete.sellerId().isEmpty(), "seller_id is not checked when unset");
        Map<String, String> params = new HashMap<>(Map.of("app_id", "2021000000000001", "sign_type", "RSA2", "biz_content", "{}"));
        String sign = complete.signRequest(params);
        assertTrue(RsaSha256.verify(merchant.getPublic(), AlipaySignContent.of(params, AlipaySignContent.REQUEST_EXCLUDED), sign));
        params.put("sign", RsaSha256.sign(alipay.getPrivate(), AlipaySignContent.of(params, AlipaySignContent.NOTIFY_EXCLUDED)));
        assertTrue(complete.verifyNotification(params));
        params.put("sign", sign);
        assertFalse(complete.verifyNotification(params), "our own key is not Alipay's");
    }

    @Test
    void aConfiguredAlipayWithoutSellerIdRefusesToStartUnlessExplicitlyAllowed() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path privateKey = Files.writeString(dir.resolve("p.pem"), Pem.encode(generator.generateKeyPair().getPrivate()));
        Path alipayKey = Files.writeString(dir.resolve("a.pem"), Pem.encode(generator.generateKeyPair().getPublic()));
        Optional<String> app = Optional.of("2021000000000001");
        Optional<String> notify = Optional.of("https://pay.example/notify/alipay");
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> merchant(config(app, Optional.of(privateKey), Optional.of(alipayKey), notify, Optional.empty(), true)));
        assertTrue(refused.getMessage().contains("payment.alipay.seller-id"));
        assertRefused(() -> merchant(config(app, Optional.of(privateKey), Optional.of(alipayKey), notify,
                Optional.of("  "), true)), "a blank seller id is no seller id");
        AlipayMerchant checked = merchant(config(app, Optional.of(privateKey), Optional.of(alipayKey), notify,
                Optional.of("2088000000000001"), true));
        assertEquals(Optional.of("2088000000000001"), checked.sellerId());
        // Not configured at all: nothing to protect, the service starts with ALIPAY_WAP disabled.
        assertFalse(merchant(config(Optional.empty(), Optional.empty(), Optional.empty(), notify, Optional.empty(), true)).enabled());
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable work, String why) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, work, why);
    }
}
