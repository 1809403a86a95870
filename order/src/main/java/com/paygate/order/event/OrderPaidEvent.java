package com.paygate.order.event;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** ORDER_PAID on {@code order-events}: the order is paid and its redeem code issued (the notifier tells the user). */
@RegisterForReflection
public record OrderPaidEvent(String eventId, String type, Instant occurredAt, String orderSn, String userId,
        String openid, String title, long amountFen, String redeemCode, Instant paidAt, String paySn) {
}
