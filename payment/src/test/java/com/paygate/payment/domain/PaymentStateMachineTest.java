package com.paygate.payment.domain;

import static com.paygate.payment.domain.PaymentState.CLOSED;
import static com.paygate.payment.domain.PaymentState.NOTPAY;
import static com.paygate.payment.domain.PaymentState.PAYERROR;
import static com.paygate.payment.domain.PaymentState.REFUND;
import static com.paygate.payment.domain.PaymentState.SUCCESS;
import static com.paygate.payment.domain.PaymentState.USERPAYING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaymentStateMachineTest {

    @Test
    void exactlyTheseTransitionsAreAllowed() {
        assertNext(NOTPAY, EnumSet.of(USERPAYING, SUCCESS, CLOSED, PAYERROR));
        assertNext(USERPAYING, EnumSet.of(SUCCESS, CLOSED, PAYERROR));
        assertNext(PAYERROR, EnumSet.of(SUCCESS, CLOSED));
        assertNext(SUCCESS, EnumSet.of(REFUND));
        assertNext(CLOSED, EnumSet.of(SUCCESS));
        assertNext(REFUND, EnumSet.noneOf(PaymentState.class));
    }

    private static void assertNext(PaymentState from, Set<PaymentState> expected) {
        EnumSet<PaymentState> actual = EnumSet.noneOf(PaymentState.class);
        for (PaymentState to : PaymentState.values()) {
            if (PaymentStateMachine.allows(from, to)) {
                actual.add(to);
            }
        }
        assertEquals(expected, actual, "from " + from);
    }
}
