package com.paygate.order.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.paygate.order.repository.OrderEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * An order as the API shows it to its owner. Payment fields appear once paid, refund fields once flagged.
 * The payment service reads {@code amountFen}, {@code title}, {@code state} and {@code expireAt}: keep those names.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record OrderView(String orderSn, String state, String userId, long productId, String title, int quantity,
        long amountFen, String remark, Instant createdAt, Instant expireAt, Instant paidAt, String paySn,
        String redeemCode, Boolean refundFlag, String refundReason) {

    static OrderView of(OrderEntity o) {
        return new OrderView(o.orderSn, o.state.name(), o.userId, o.productId, o.title, o.quantity, o.amountFen,
                o.remark, o.createdAt, o.expireAt, o.paidAt, o.paySn, o.redeemCode,
                o.refundFlag ? Boolean.TRUE : null, o.refundReason);
    }
}
