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

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that says which state changes exist. Every change of {@code orders.state} goes through
 * {@link #next}; anything not listed here is illegal and changes nothing.
 */
public final class OrderStateMachine {

    private static final Map<OrderState, Map<OrderTrigger, OrderState>> TABLE = new EnumMap<>(OrderState.class);

    static {
        //   from        trigger           -> to
        allow(WAIT_PAY,  PAY,              WAIT_USE);
        allow(WAIT_PAY,  CANCEL,           CANCELLED);
        allow(WAIT_PAY,  EXPIRE,           EXPIRED);
        allow(WAIT_PAY,  AMOUNT_MISMATCH,  REFUNDING);
        allow(CANCELLED, LATE_PAYMENT,     REFUNDING);
        allow(EXPIRED,   LATE_PAYMENT,     REFUNDING);
        allow(WAIT_USE,  REDEEM,           USED);
        allow(WAIT_USE,  REFUND_REQUESTED, REFUNDING);
        // An operator may refund a paid order in full without the owner asking: it must not stay redeemable.
        allow(WAIT_USE,  REFUND_SUCCEEDED, REFUNDED);
        allow(REFUNDING, REFUND_SUCCEEDED, REFUNDED);
        // Only for a refund the owner asked for (PaymentEventService checks how the order became REFUNDING): money
        // the order cannot keep (late, mismatched) must still go back, whatever the provider said this time.
        allow(REFUNDING, REFUND_FAILED,    WAIT_USE);
        // USED and REFUNDED are final.
    }

    private OrderStateMachine() {
    }

    private static void allow(OrderState from, OrderTrigger trigger, OrderState to) {
        TABLE.computeIfAbsent(from, f -> new EnumMap<>(OrderTrigger.class)).put(trigger, to);
    }

    /** The state {@code trigger} leads to from {@code from}, if that move is allowed. */
    public static Optional<OrderState> target(OrderState from, OrderTrigger trigger) {
        return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(trigger));
    }

    public static boolean allows(OrderState from, OrderTrigger trigger) {
        return target(from, trigger).isPresent();
    }

    /** The state {@code trigger} leads to; throws {@link IllegalTransitionException} (409) if it is not allowed. */
    public static OrderState next(String orderSn, OrderState from, OrderTrigger trigger) {
        return target(from, trigger).orElseThrow(() -> new IllegalTransitionException(orderSn, from, trigger));
    }

    /** The allowed moves out of {@code from} (read-only), for documentation and tests. */
    public static Map<OrderTrigger, OrderState> movesFrom(OrderState from) {
        return Collections.unmodifiableMap(TABLE.getOrDefault(from, Map.of()));
    }
}
