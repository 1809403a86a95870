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
    REFUND_SUCCEEDED
}
