package com.paygate.order.domain;

/** What makes an order change state; recorded in the state log next to each change. */
public enum OrderTrigger {
    CREATE,
    PAY,
    CANCEL,
    EXPIRE,
    REDEEM,
    /** A payment succeeded for an order that was already cancelled or expired: the money goes back. */
    LATE_PAYMENT,
    /** A payment succeeded with a different amount than the order's: the money goes back. */
    AMOUNT_MISMATCH,
    /** The owner asked for the money of a paid, unused order back. */
    REFUND_REQUESTED,
    /** The payment service reports the order's payment refunded in full (asked for, or by an operator). */
    REFUND_SUCCEEDED,
    /** The provider refused or closed the refund the owner asked for: the order is paid and usable again. */
    REFUND_FAILED
}
