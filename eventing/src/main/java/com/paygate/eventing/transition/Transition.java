package com.paygate.eventing.transition;

import java.time.Instant;

/**
 * One applied state change: the one audit-row shape of every machine (each service stores it in its own table,
 * each with these columns: payment_transition, refund_transition, order_state_log, where the trigger column is
 * named event; the payment and refund tables keep no trigger column, as theirs is the state reported, to_state).
 *
 * @param key     the entity's business key (paySn, refundSn, orderSn)
 * @param trigger what moved it (for a machine moved by reported states, the state reported)
 * @param source  who caused it (NOTIFY, QUERY, API, EXPIRY_JOB, ...)
 * @param reason  free text for the human reading the log, may be null
 */
public record Transition<S extends Enum<S>, T extends Enum<T>>(String key, S from, S to, T trigger, String source,
        String reason, Instant at) {

    /** A reason as the audit tables store it (VARCHAR(255)). */
    public static String clip(String reason) {
        return reason == null || reason.length() <= 255 ? reason : reason.substring(0, 255);
    }
}
