package com.paygate.order.domain;

import static com.paygate.order.domain.OrderState.CANCELLED;
import static com.paygate.order.domain.OrderState.EXPIRED;
import static com.paygate.order.domain.OrderState.REFUNDED;
import static com.paygate.order.domain.OrderState.REFUNDING;
import static com.paygate.order.domain.OrderState.USED;
import static com.paygate.order.domain.OrderState.WAIT_PAY;
import static com.paygate.order.domain.OrderState.WAIT_USE;
import static com.paygate.order.domain.OrderTrigger.AMOUNT_MISMATCH;
import static com.paygate.order.domain.OrderTrigger.CANCEL;
import static com.paygate.order.domain.OrderTrigger.EXPIRE;
import static com.paygate.order.domain.OrderTrigger.LATE_PAYMENT;
import static com.paygate.order.domain.OrderTrigger.PAY;
import static com.paygate.order.domain.OrderTrigger.REDEEM;
import static com.paygate.order.domain.OrderTrigger.REFUND_FAILED;
import static com.paygate.order.domain.OrderTrigger.REFUND_REQUESTED;
import static com.paygate.order.domain.OrderTrigger.REFUND_SUCCEEDED;

import com.paygate.eventing.transition.IllegalTransitionException;
import com.paygate.eventing.transition.TransitionTable;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that says which state changes exist. Every change of {@code orders.state} goes through
 * {@code OrderTransitions}, which asks {@link #TABLE}; anything not listed here is illegal and changes nothing.
 */
public final class OrderStateMachine {

    public static final TransitionTable<OrderState, OrderTrigger> TABLE = TransitionTable.of("order", OrderState.class, OrderTrigger.class)
            //     from       trigger           -> to
            .allow(WAIT_PAY,  PAY,              WAIT_USE)
            .allow(WAIT_PAY,  CANCEL,           CANCELLED)
            .allow(WAIT_PAY,  EXPIRE,           EXPIRED)
            .allow(WAIT_PAY,  AMOUNT_MISMATCH,  REFUNDING)
            .allow(CANCELLED, LATE_PAYMENT,     REFUNDING)
            .allow(EXPIRED,   LATE_PAYMENT,     REFUNDING)
            .allow(WAIT_USE,  REDEEM,           USED)
            .allow(WAIT_USE,  REFUND_REQUESTED, REFUNDING)
            // An operator may refund a paid order in full without the owner asking: it must not stay redeemable.
            .allow(WAIT_USE,  REFUND_SUCCEEDED, REFUNDED)
            .allow(REFUNDING, REFUND_SUCCEEDED, REFUNDED)
            // Only for a refund the owner asked for (PaymentEventService checks how the order became REFUNDING): money
            // the order cannot keep (late, mismatched) must still go back, whatever the provider said this time.
            .allow(REFUNDING, REFUND_FAILED,    WAIT_USE)
            // USED and REFUNDED are final.
            .build();

    private OrderStateMachine() {
    }

    /** The state {@code trigger} leads to from {@code from}, if that move is allowed. */
    public static Optional<OrderState> target(OrderState from, OrderTrigger trigger) {
        return TABLE.target(from, trigger);
    }

    public static boolean allows(OrderState from, OrderTrigger trigger) {
        return TABLE.allows(from, trigger);
    }

    /** The state {@code trigger} leads to; throws {@link IllegalTransitionException} if it is not allowed. */
    public static OrderState next(String orderSn, OrderState from, OrderTrigger trigger) {
        return TABLE.next(orderSn, from, trigger);
    }

    /** The allowed moves out of {@code from} (read-only), for documentation and tests. */
    public static Map<OrderTrigger, OrderState> movesFrom(OrderState from) {
        return TABLE.movesFrom(from);
    }
}
