package com.paygate.order.domain;

import com.paygate.common.error.ApiException;

/** A state change the transition table does not allow; nothing was changed. Answers 409. */
public class IllegalTransitionException extends ApiException {

    private final OrderState from;
    private final OrderTrigger trigger;

    public IllegalTransitionException(String orderSn, OrderState from, OrderTrigger trigger) {
        super(409, "ILLEGAL_STATE_TRANSITION",
                "Order " + orderSn + " is " + from + "; " + trigger + " is not allowed in that state");
        this.from = from;
        this.trigger = trigger;
    }

    public OrderState from() {
        return from;
    }

    public OrderTrigger trigger() {
        return trigger;
    }
}
