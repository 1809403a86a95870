package com.paygate.common.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** SHA256withRSA over UTF-8 text, Base64 signatures: what WeChat Pay v3 and Alipay RSA2 both use. */
public final class RsaSha256 {

    private RsaSha256() {
    }

    public static String sign(PrivateKey key, String message) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Signing failed", e);
        }
    }

    /** False for a wrong signature and for one that is not even Base64: callers treat both as forged. */
    public static boolean verify(PublicKey key, String message, String base64Signature) {
        if (base64Signature == null || base64Signature.isEmpty()) {
            return false;
        }
        try {
            byte[] signature = Base64.getDecoder().decode(base64Signature);
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
