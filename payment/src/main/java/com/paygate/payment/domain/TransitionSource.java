package com.paygate.payment.domain;

/** Who caused a state change; recorded in payment_transition. */
public enum TransitionSource {
    NOTIFY, QUERY, POLL, CLOSE_JOB, ORDER_EVENT,
    /** An operator (admin API); refunds only. */
    ADMIN,
    /** A business line's signed request (/api/apps), e.g. closing its payment. */
    APP,
    /** Our own call to the provider answered (e.g. a refund request's synchronous answer). */
    PROVIDER_ANSWER,
    /** A query the daily reconciliation made for a difference between a provider's bill and our records. */
    RECONCILIATION
}
