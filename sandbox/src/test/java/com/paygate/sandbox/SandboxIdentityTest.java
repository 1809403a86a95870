package com.paygate.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.common.crypto.Pem;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.sandbox.keys.SandboxIdentity;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SandboxIdentityTest {

    @Inject
    SandboxIdentity identity;

    @Test
    void merchantConfigPointsAtKeysThatMatchWhatTheSandboxVerifiesWith() throws Exception {
        Properties merchant = new Properties();
        try (Reader in = Files.newBufferedReader(identity.stateDir().resolve("merchant.properties"))) {
            merchant.load(in);
        }
        assertEquals(32, merchant.getProperty("payment.wechat.api-v3-key").length());
        assertTrue(merchant.getProperty("payment.wechat.platform-public-key-id").startsWith("PUB_KEY_ID_"));

        // What the merchant signs with, the sandbox verifies with; what the sandbox signs, the merchant verifies.
        var merchantKey = Pem.readPrivateKey(Path.of(merchant.getProperty("payment.wechat.merchant-private-key")));
        assertTrue(RsaSha256.verify(identity.wechatMerchantPublicKey(), "m\n", RsaSha256.sign(merchantKey, "m\n")));
        var platformPublic = Pem.readPublicKey(Path.of(merchant.getProperty("payment.wechat.platform-public-key")));
        assertTrue(RsaSha256.verify(platformPublic, "p\n", RsaSha256.sign(identity.wechatPlatformPrivateKey(), "p\n")));
        var alipayMerchant = Pem.readPrivateKey(Path.of(merchant.getProperty("payment.alipay.private-key")));
        assertTrue(RsaSha256.verify(identity.alipayMerchantPublicKey(), "a", RsaSha256.sign(alipayMerchant, "a")));
    }
}
