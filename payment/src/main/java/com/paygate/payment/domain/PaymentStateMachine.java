package com.paygate.payment.domain;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The only place that says which payment state may follow which. Everything else asks {@link #allows}.
 * A CLOSED payment never becomes SUCCESS here: if the provider reports money for a closed payment, that is an
 * alert for a human (and a refund), not a silent state change.
 */
public final class PaymentStateMachine {

    private static final Map<PaymentState, Set<PaymentState>> NEXT = new EnumMap<>(PaymentState.class);

    static {
        // from         -> to
        NEXT.put(PaymentState.NOTPAY, EnumSet.of(PaymentState.USERPAYING, PaymentState.SUCCESS, PaymentState.CLOSED, PaymentState.PAYERROR));
        NEXT.put(PaymentState.USERPAYING, EnumSet.of(PaymentState.SUCCESS, PaymentState.CLOSED, PaymentState.PAYERROR));
        NEXT.put(PaymentState.PAYERROR, EnumSet.of(PaymentState.SUCCESS, PaymentState.CLOSED));
        NEXT.put(PaymentState.SUCCESS, EnumSet.of(PaymentState.REFUND));
        NEXT.put(PaymentState.CLOSED, EnumSet.noneOf(PaymentState.class));
        NEXT.put(PaymentState.REFUND, EnumSet.noneOf(PaymentState.class));
    }

    private PaymentStateMachine() {
    }

    public static boolean allows(PaymentState from, PaymentState to) {
        return NEXT.get(from).contains(to);
    }
}
