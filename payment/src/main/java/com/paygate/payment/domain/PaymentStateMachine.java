package com.paygate.payment.domain;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The only place that says which payment state may follow which. Everything else asks {@link #allows}.
 * A provider's "paid" is never ignored: CLOSED -> SUCCESS is a late success (money received after we closed, e.g. an
 * Alipay WAP cashier paid after our close found no trade). It is recorded as such and published like any success,
 * so order's late-payment path refunds it.
 */
public final class PaymentStateMachine {

    private static final Map<PaymentState, Set<PaymentState>> NEXT = new EnumMap<>(PaymentState.class);

    static {
        // from         -> to
        NEXT.put(PaymentState.NOTPAY, EnumSet.of(PaymentState.USERPAYING, PaymentState.SUCCESS, PaymentState.CLOSED, PaymentState.PAYERROR));
        NEXT.put(PaymentState.USERPAYING, EnumSet.of(PaymentState.SUCCESS, PaymentState.CLOSED, PaymentState.PAYERROR));
        NEXT.put(PaymentState.PAYERROR, EnumSet.of(PaymentState.SUCCESS, PaymentState.CLOSED));
        NEXT.put(PaymentState.SUCCESS, EnumSet.of(PaymentState.REFUND));
        NEXT.put(PaymentState.CLOSED, EnumSet.of(PaymentState.SUCCESS));
        NEXT.put(PaymentState.REFUND, EnumSet.noneOf(PaymentState.class));
    }

    private PaymentStateMachine() {
    }

    public static boolean allows(PaymentState from, PaymentState to) {
        return NEXT.get(from).contains(to);
    }
}
