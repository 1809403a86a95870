package com.paygate.order.event;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * ORDER_REFUND_FAILED on {@code order-events}: the refund the owner asked for was refused by the provider; the order
 * is paid and usable again (the notifier tells the user). {@code amountFen} is the order's amount, still paid.
 */
@RegisterForReflection
public record OrderRefundFailedEvent(String eventId, String type, Instant occurredAt, String orderSn, String userId,
        String openid, String title, long amountFen) {
}
