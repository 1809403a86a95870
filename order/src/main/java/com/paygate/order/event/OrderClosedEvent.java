package com.paygate.order.event;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** ORDER_CANCELLED or ORDER_EXPIRED on {@code order-events}: no payment will be accepted for this order any more. */
@RegisterForReflection
public record OrderClosedEvent(String eventId, String type, Instant occurredAt, String orderSn, String userId,
        long amountFen) {
}
