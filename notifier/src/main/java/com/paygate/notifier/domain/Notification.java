package com.paygate.notifier.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What to tell a user, independent of the channel: built from an event, handed to a
 * {@link com.paygate.notifier.channel.NotificationChannel}. Channels pick the fields they can show.
 * {@code amountFen} is what was paid (ORDER_PAID) or refunded (ORDER_REFUNDED); {@code at} is when that happened.
 */
public record Notification(String eventId, Kind kind, String orderSn, String userId, String openid, String title,
        long amountFen, String redeemCode, Instant at) {

    public enum Kind {
        ORDER_PAID,
        ORDER_REFUNDED
    }

    public Notification {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orderSn, "orderSn");
        Objects.requireNonNull(userId, "userId");
    }
}
