package com.paygate.order.event;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * ORDER_REFUND_REQUESTED on {@code order-events}: money arrived that the order cannot keep (late, wrong amount,
 * or a second payment); {@code amountFen} is what that payment paid, i.e. what must go back.
 */
@RegisterForReflection
public record OrderRefundRequestedEvent(String eventId, String type, Instant occurredAt, String orderSn,
        String userId, String paySn, long amountFen, String reason) {
}
