package com.paygate.notifier.channel;

/**
 * The outcome of one delivery attempt. {@code detail} is stored and logged, so it must never carry a secret
 * or an access token.
 */
public record DeliveryResult(Outcome outcome, String providerMessageId, String detail) {

    public enum Outcome {
        /** Accepted by the provider. */
        SENT,
        /** Transient failure (network, provider error, expired token that could not be refreshed): try again later. */
        RETRY,
        /** The recipient cannot receive it (refused, unknown); retrying would not help and no operator can fix it. */
        REJECTED,
        /** Our request is wrong (template id, template data): retrying will not help, an operator must act. */
        INVALID
    }

    public static DeliveryResult sent(String providerMessageId) {
        return new DeliveryResult(Outcome.SENT, providerMessageId, null);
    }

    public static DeliveryResult retry(String detail) {
        return new DeliveryResult(Outcome.RETRY, null, detail);
    }

    public static DeliveryResult rejected(String detail) {
        return new DeliveryResult(Outcome.REJECTED, null, detail);
    }

    public static DeliveryResult invalid(String detail) {
        return new DeliveryResult(Outcome.INVALID, null, detail);
    }
}
