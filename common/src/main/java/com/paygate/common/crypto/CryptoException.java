package com.paygate.common.crypto;

/** A key, signature or ciphertext that cannot be used. Messages never carry key material or plaintext. */
public class CryptoException extends RuntimeException {

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }

    public CryptoException(String message) {
        super(message);
    }
}
