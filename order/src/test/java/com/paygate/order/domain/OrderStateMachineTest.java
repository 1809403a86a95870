package com.paygate.order.domain;

import static com.paygate.order.domain.OrderState.CANCELLED;
import static com.paygate.order.domain.OrderState.EXPIRED;
import static com.paygate.order.domain.OrderState.REFUNDED;
import static com.paygate.order.domain.OrderState.REFUNDING;
import static com.paygate.order.domain.OrderState.USED;
import static com.paygate.order.domain.OrderState.WAIT_PAY;
import static com.paygate.order.domain.OrderState.WAIT_USE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.eventing.transition.IllegalTransitionException;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderStateMachineTest {

    /** The whole table, written out independently: any added, removed or redirected move fails this test. */
    private static final Map<OrderState, Map<OrderTrigger, OrderState>> EXPECTED = new EnumMap<>(OrderState.class);

    static {
        for (OrderState s : OrderState.values()) {
            EXPECTED.put(s, new EnumMap<>(OrderTrigger.class));
        }
        EXPECTED.get(WAIT_PAY).put(OrderTrigger.PAY, WAIT_USE);
        EXPECTED.get(WAIT_PAY).put(OrderTrigger.CANCEL, CANCELLED);
        EXPECTED.get(WAIT_PAY).put(OrderTrigger.EXPIRE, EXPIRED);
        EXPECTED.get(WAIT_PAY).put(OrderTrigger.AMOUNT_MISMATCH, REFUNDING);
        EXPECTED.get(CANCELLED).put(OrderTrigger.LATE_PAYMENT, REFUNDING);
        EXPECTED.get(EXPIRED).put(OrderTrigger.LATE_PAYMENT, REFUNDING);
        EXPECTED.get(WAIT_USE).put(OrderTrigger.REDEEM, USED);
        EXPECTED.get(WAIT_USE).put(OrderTrigger.REFUND_REQUESTED, REFUNDING);
        EXPECTED.get(WAIT_USE).put(OrderTrigger.REFUND_SUCCEEDED, REFUNDED);
        EXPECTED.get(REFUNDING).put(OrderTrigger.REFUND_SUCCEEDED, REFUNDED);
        EXPECTED.get(REFUNDING).put(OrderTrigger.REFUND_FAILED, WAIT_USE);
    }

    @Test
    void everyPairOfStateAndTriggerIsEitherTheListedMoveOrRejected() {
        for (OrderState from : OrderState.values()) {
            for (OrderTrigger trigger : OrderTrigger.values()) {
                OrderState expected = EXPECTED.get(from).get(trigger);
                if (expected != null) {
                    assertEquals(expected, OrderStateMachine.next("T", from, trigger), from + " --" + trigger);
                } else {
                    IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                            () -> OrderStateMachine.next("T", from, trigger), from + " --" + trigger + " must be illegal");
                    assertEquals(trigger, e.trigger());
                    assertEquals(from, e.from());
                }
            }
            assertEquals(EXPECTED.get(from), OrderStateMachine.movesFrom(from));
        }
    }

    @Test
    void finalStatesHaveNoWayOut() {
        assertTrue(OrderStateMachine.movesFrom(USED).isEmpty());
        assertTrue(OrderStateMachine.movesFrom(REFUNDED).isEmpty());
    }

    @Test
    void onlyUnpaidOrdersCanBeCancelledAndOnlyPaidUnusedOnesRedeemedOrRefunded() {
        for (OrderState s : OrderState.values()) {
            assertEquals(s == WAIT_PAY, OrderStateMachine.allows(s, OrderTrigger.CANCEL), s.name());
            assertEquals(s == WAIT_USE, OrderStateMachine.allows(s, OrderTrigger.REDEEM), s.name());
            // A refund on request only for a paid order not yet used (a used one has had its service).
            assertEquals(s == WAIT_USE, OrderStateMachine.allows(s, OrderTrigger.REFUND_REQUESTED), s.name());
        }
    }

    @Test
    void creationIsNotATransition() {
        for (OrderState s : OrderState.values()) {
            assertThrows(IllegalTransitionException.class, () -> OrderStateMachine.next("T", s, OrderTrigger.CREATE));
        }
    }
}
