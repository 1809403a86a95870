package com.paygate.payment.provider;

import com.paygate.common.error.UpstreamException;

/**
 * A provider call that did not give a usable answer, as one of three types callers cannot confuse:
 * {@link Unavailable} (not reached, 5xx, busy: retry), {@link Rejected} (a known business refusal in a verified
 * answer: final, nothing moved) and {@link Unverifiable} (an answer we cannot verify or read: the provider may
 * have acted, so the outcome is unknown until a query settles it). Only a {@link Rejected} may end anything.
 * Messages never hold key material.
 */
public abstract sealed class ProviderException extends UpstreamException {

    private ProviderException(String message, Throwable cause) {
        super(message, cause);
    }

    public static Unavailable unavailable(String message, Throwable cause) {
        return new Unavailable(message, cause);
    }

    public static Unavailable unavailable(String message) {
        return new Unavailable(message, null);
    }

    public static Rejected rejected(String code, String message) {
        return new Rejected(code, message);
    }

    public static Unverifiable unverifiable(String message, Throwable cause) {
        return new Unverifiable(message, cause);
    }

    public static Unverifiable unverifiable(String message) {
        return new Unverifiable(message, null);
    }

    public static final class Unavailable extends ProviderException {
        private Unavailable(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public Outcome outcome() {
            return Outcome.UNAVAILABLE;
        }
    }

    public static final class Rejected extends ProviderException {
        private final String code;

        private Rejected(String code, String message) {
            super(message, null);
            this.code = code;
        }

        /** The provider's business code (WeChat {@code code}, Alipay {@code sub_code}). */
        public String code() {
            return code;
        }

        @Override
        public Outcome outcome() {
            return Outcome.REJECTED;
        }
    }

    public static final class Unverifiable extends ProviderException {
        private Unverifiable(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public Outcome outcome() {
            return Outcome.UNVERIFIABLE;
        }
    }
}
