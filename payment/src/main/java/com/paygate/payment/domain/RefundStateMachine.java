package com.paygate.payment.domain;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The only place that says which refund state may follow which. SUCCESS and CLOSED are final: a refund that
 * succeeded never "un-succeeds", and a closed one never releases money later. ABNORMAL (the money could not reach
 * the payer's account) may still be settled by the provider after a human acts at the merchant platform.
 */
public final class RefundStateMachine {

    private static final Map<RefundState, Set<RefundState>> NEXT = new EnumMap<>(RefundState.class);

    static {
        // from           -> to
        NEXT.put(RefundState.PROCESSING, EnumSet.of(RefundState.SUCCESS, RefundState.ABNORMAL, RefundState.CLOSED));
        NEXT.put(RefundState.ABNORMAL, EnumSet.of(RefundState.SUCCESS, RefundState.CLOSED));
        NEXT.put(RefundState.SUCCESS, EnumSet.noneOf(RefundState.class));
        NEXT.put(RefundState.CLOSED, EnumSet.noneOf(RefundState.class));
    }

    private RefundStateMachine() {
    }

    public static boolean allows(RefundState from, RefundState to) {
        return NEXT.get(from).contains(to);
    }
}
