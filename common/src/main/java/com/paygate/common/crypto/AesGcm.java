package com.paygate.common.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_256_GCM as WeChat Pay v3 uses it for notification resources and platform certificates: the key is the
 * 32-byte API v3 key, the nonce a 12-character string, the associated data a string, the ciphertext Base64 of the
 * encrypted bytes followed by the 16-byte tag.
 */
public final class AesGcm {

    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;

    public AesGcm(String apiV3Key) {
        byte[] bytes = apiV3Key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != 32) {
            throw new CryptoException("The API v3 key must be 32 bytes");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public String decrypt(String associatedData, String nonce, String base64Ciphertext) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, associatedData, nonce);
            return new String(cipher.doFinal(Base64.getDecoder().decode(base64Ciphertext)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new CryptoException("Ciphertext does not decrypt with the API v3 key (tampered or wrong key)", e);
        }
    }

    public String encrypt(String associatedData, String nonce, String plaintext) {
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, associatedData, nonce);
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Encryption failed", e);
        }
    }

    private Cipher cipher(int mode, String associatedData, String nonce) throws GeneralSecurityException {
        if (nonce == null || nonce.isEmpty()) {
            throw new GeneralSecurityException("missing nonce");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce.getBytes(StandardCharsets.UTF_8)));
        if (associatedData != null) {
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        }
        return cipher;
    }
}
