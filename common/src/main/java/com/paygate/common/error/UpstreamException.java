package com.paygate.common.error;

/**
 * A call to a third party (a payment provider) that gave no usable answer. What it means for money is in the
 * {@link Outcome}, never in an HTTP status: {@link ProblemMappers} alone chooses the status an API answers with.
 * Messages are for logs only (never shown to callers) and never hold key material.
 */
public abstract class UpstreamException extends RuntimeException {

    public enum Outcome {
        /** Not reached, timed out, 5xx, throttled: nothing is known; retry or query later. */
        UNAVAILABLE,
        /** A business refusal the provider clearly stated (a known code in a verified answer): final, nothing moved. */
        REJECTED,
        /** An answer that cannot be verified or read: the provider may have acted; unknown until queried. */
        UNVERIFIABLE
    }

    protected UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract Outcome outcome();
}
