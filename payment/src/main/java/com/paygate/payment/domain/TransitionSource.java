package com.paygate.payment.domain;

/** Who caused a state change; recorded in payment_transition. */
public enum TransitionSource {
    NOTIFY, QUERY, POLL, CLOSE_JOB, ORDER_EVENT
}
