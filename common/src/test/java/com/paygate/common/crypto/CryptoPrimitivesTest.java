package com.paygate.common.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CryptoPrimitivesTest {

    private static final String API_V3_KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void aesGcmRoundTripsAndRejectsTamperingAndWrongAssociatedData() {
        AesGcm aes = new AesGcm(API_V3_KEY);
        String ciphertext = aes.encrypt("transaction", "fdasflkja484", "{\"trade_state\":\"SUCCESS\"}");
        assertEquals("{\"trade_state\":\"SUCCESS\"}", aes.decrypt("transaction", "fdasflkja484", ciphertext));

        byte[] bytes = Base64.getDecoder().decode(ciphertext);
        bytes[0] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(bytes);
        assertThrows(CryptoException.class, () -> aes.decrypt("transaction", "fdasflkja484", tampered));
        assertThrows(CryptoException.class, () -> aes.decrypt("certificate", "fdasflkja484", ciphertext));
        assertThrows(CryptoException.class, () -> new AesGcm("too-short"));
    }

    @Test
    void rsaSignaturesVerifyOnlyWithTheMatchingKeyAndMessage() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair merchant = generator.generateKeyPair();
        KeyPair other = generator.generateKeyPair();

        String message = WechatPaySignatures.requestMessage("POST", "/v3/pay/transactions/jsapi", 1554208460,
                "593BEC0C930BF1AFEB40B4A08C8FB242", "{\"amount\":{\"total\":1}}");
        assertEquals("POST\n/v3/pay/transactions/jsapi\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n"
                + "{\"amount\":{\"total\":1}}\n", message);

        String signature = RsaSha256.sign(Pem.privateKey(Pem.encode(merchant.getPrivate())), message);
        assertTrue(RsaSha256.verify(Pem.publicKey(Pem.encode(merchant.getPublic())), message, signature));
        assertFalse(RsaSha256.verify(other.getPublic(), message, signature));
        assertFalse(RsaSha256.verify(merchant.getPublic(), message.replace("1}", "2}"), signature));
        assertFalse(RsaSha256.verify(merchant.getPublic(), message, "not base64!"));
    }

    @Test
    void alipayContentSortsSkipsEmptyAndExcluded() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("sign", "xyz");
        params.put("sign_type", "RSA2");
        params.put("total_amount", "0.01");
        params.put("app_id", "2021000000000001");
        params.put("body", "");
        assertEquals("app_id=2021000000000001&sign_type=RSA2&total_amount=0.01",
                AlipaySignContent.of(params, AlipaySignContent.REQUEST_EXCLUDED));
        assertEquals("app_id=2021000000000001&total_amount=0.01",
                AlipaySignContent.of(params, AlipaySignContent.NOTIFY_EXCLUDED));
    }
}
