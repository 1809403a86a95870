package com.paygate.order.event;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * ORDER_REFUNDED on {@code order-events}: the order's payment has been refunded in full (the notifier tells the
 * user). {@code refundAmountFen} is what the payment service reported refunded in total.
 */
@RegisterForReflection
public record OrderRefundedEvent(String eventId, String type, Instant occurredAt, String orderSn, String userId,
        String openid, String title, long amountFen, long refundAmountFen) {
}
