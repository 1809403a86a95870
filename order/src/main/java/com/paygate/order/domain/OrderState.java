package com.paygate.order.domain;

/** Where an order is in its life; the allowed moves between these are in {@link OrderStateMachine}. */
public enum OrderState {
    WAIT_PAY,
    CANCELLED,
    EXPIRED,
    /** Paid: a redeem code has been issued. */
    WAIT_USE,
    USED,
    REFUNDING,
    REFUNDED
}
