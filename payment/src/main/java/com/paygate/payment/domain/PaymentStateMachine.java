package com.paygate.payment.domain;

import static com.paygate.payment.domain.PaymentState.CLOSED;
import static com.paygate.payment.domain.PaymentState.NOTPAY;
import static com.paygate.payment.domain.PaymentState.PAYERROR;
import static com.paygate.payment.domain.PaymentState.REFUND;
import static com.paygate.payment.domain.PaymentState.SUCCESS;
import static com.paygate.payment.domain.PaymentState.USERPAYING;

import com.paygate.eventing.transition.TransitionTable;

/**
 * The only place that says which payment state may follow which. A payment is moved by what the provider states
 * (or by our close), so the trigger is the state reported.
 * A provider's "paid" is never ignored: CLOSED -> SUCCESS is a late success (money received after we closed, e.g. an
 * Alipay WAP cashier paid after our close found no trade). It is recorded as such and published like any success,
 * so order's late-payment path refunds it.
 */
public final class PaymentStateMachine {

    public static final TransitionTable<PaymentState, PaymentState> TABLE = TransitionTable.reported("payment", PaymentState.class)
            //     from        -> to
            .allow(NOTPAY,     USERPAYING, SUCCESS, CLOSED, PAYERROR)
            .allow(USERPAYING, SUCCESS, CLOSED, PAYERROR)
            .allow(PAYERROR,   SUCCESS, CLOSED)
            .allow(SUCCESS,    REFUND)
            .allow(CLOSED,     SUCCESS)
            // REFUND is final.
            .build();

    private PaymentStateMachine() {
    }

    /** Whether {@code from} may become {@code to} (staying is not a move). */
    public static boolean allows(PaymentState from, PaymentState to) {
        return from != to && TABLE.allows(from, to);
    }
}
