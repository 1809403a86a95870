package com.paygate.payment.domain;

import static com.paygate.payment.domain.RefundState.ABNORMAL;
import static com.paygate.payment.domain.RefundState.CLOSED;
import static com.paygate.payment.domain.RefundState.PROCESSING;
import static com.paygate.payment.domain.RefundState.SUCCESS;

import com.paygate.eventing.transition.TransitionTable;

/**
 * The only place that says which refund state may follow which; the trigger is the state the provider reports (or
 * our own CLOSED when it refused the request). SUCCESS and CLOSED are final: a refund that succeeded never
 * "un-succeeds", and a closed one never releases money later. ABNORMAL (the money could not reach the payer's
 * account) may still be settled by the provider after a human acts at the merchant platform.
 */
public final class RefundStateMachine {

    public static final TransitionTable<RefundState, RefundState> TABLE = TransitionTable.reported("refund", RefundState.class)
            //     from        -> to
            .allow(PROCESSING, SUCCESS, ABNORMAL, CLOSED)
            .allow(ABNORMAL,   SUCCESS, CLOSED)
            // SUCCESS and CLOSED are final.
            .build();

    private RefundStateMachine() {
    }

    /** Whether {@code from} may become {@code to} (staying is not a move). */
    public static boolean allows(RefundState from, RefundState to) {
        return from != to && TABLE.allows(from, to);
    }
}
