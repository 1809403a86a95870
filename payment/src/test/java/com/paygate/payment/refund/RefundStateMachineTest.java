package com.paygate.payment.refund;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.payment.domain.RefundState;
import com.paygate.payment.domain.RefundStateMachine;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefundStateMachineTest {

    @Test
    void theTable() {
        assertAllowed(RefundState.PROCESSING, EnumSet.of(RefundState.SUCCESS, RefundState.ABNORMAL, RefundState.CLOSED));
        assertAllowed(RefundState.ABNORMAL, EnumSet.of(RefundState.SUCCESS, RefundState.CLOSED));
        assertAllowed(RefundState.SUCCESS, EnumSet.noneOf(RefundState.class));
        assertAllowed(RefundState.CLOSED, EnumSet.noneOf(RefundState.class));
    }

    @Test
    void onlyAClosedRefundGivesItsAmountBack() {
        assertTrue(RefundState.PROCESSING.holdsAmount());
        assertTrue(RefundState.SUCCESS.holdsAmount());
        assertTrue(RefundState.ABNORMAL.holdsAmount());
        assertFalse(RefundState.CLOSED.holdsAmount());
    }

    private static void assertAllowed(RefundState from, Set<RefundState> expected) {
        for (RefundState to : RefundState.values()) {
            assertEquals(expected.contains(to), RefundStateMachine.allows(from, to), from + " -> " + to);
        }
    }
}
