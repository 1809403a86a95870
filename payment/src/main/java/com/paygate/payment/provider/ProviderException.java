package com.paygate.payment.provider;

/**
 * A provider call that did not give a usable answer. {@code unavailable} (timeouts, 5xx, connection) is worth a
 * retry later (503); otherwise the provider refused or answered something we cannot trust (502).
 * Messages never hold key material.
 */
public class ProviderException extends RuntimeException {

    private final boolean unavailable;

    public ProviderException(String message, boolean unavailable, Throwable cause) {
        super(message, cause);
        this.unavailable = unavailable;
    }

    public ProviderException(String message, boolean unavailable) {
        this(message, unavailable, null);
    }

    public boolean unavailable() {
        return unavailable;
    }
}
