package com.paygate.order.domain;

/** What makes an order change state; recorded in the state log next to each change. */
public enum OrderTrigger {
    CREATE(Source.USER),
    PAY(Source.PAYMENT_EVENT),
    CANCEL(Source.USER),
    EXPIRE(Source.EXPIRY_JOB),
    REDEEM(Source.USER),
    /** A payment succeeded for an order that was already cancelled or expired: the money goes back. */
    LATE_PAYMENT(Source.PAYMENT_EVENT),
    /** A payment succeeded with a different amount than the order's: the money goes back. */
    AMOUNT_MISMATCH(Source.PAYMENT_EVENT),
    /** The owner asked for the money of a paid, unused order back. */
    REFUND_REQUESTED(Source.USER),
    /** The payment service reports the order's payment refunded in full (asked for, or by an operator). */
    REFUND_SUCCEEDED(Source.PAYMENT_EVENT),
    /** The provider refused or closed the refund the owner asked for: the order is paid and usable again. */
    REFUND_FAILED(Source.PAYMENT_EVENT);

    /** Who pulls a trigger: the user through the API, the expiry job, or a payment event from Kafka. */
    public enum Source { USER, EXPIRY_JOB, PAYMENT_EVENT }

    private final Source source;

    OrderTrigger(Source source) {
        this.source = source;
    }

    public Source source() {
        return source;
    }
}
