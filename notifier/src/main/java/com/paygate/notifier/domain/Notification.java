package com.paygate.notifier.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What to tell a user, independent of the channel: built from an event, handed to a
 * {@link com.paygate.notifier.channel.NotificationChannel}. Channels pick the fields they can show.
 * {@code amountFen} is what was paid (ORDER_PAID, ORDER_REFUND_FAILED: the order stays paid) or refunded
 * (ORDER_REFUNDED); {@code at} is when that happened.
 */
public record Notification(String eventId, Kind kind, String orderSn, String userId, String openid, String title,
        long amountFen, String redeemCode, Instant at) {

    public enum Kind {
        ORDER_PAID,
        ORDER_REFUNDED,
        /** The refund the user asked for was refused by the provider: the order is paid and usable again. */
        ORDER_REFUND_FAILED
    }

    public Notification {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orderSn, "orderSn");
        Objects.requireNonNull(userId, "userId");
    }
}
