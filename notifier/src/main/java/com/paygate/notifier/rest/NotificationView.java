package com.paygate.notifier.rest;

import com.paygate.notifier.domain.NotificationState;
import com.paygate.notifier.repository.NotificationLogEntity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** What the API shows about a notification: outcome and timing, never the recipient's openid or the raw event. */
@RegisterForReflection
public record NotificationView(String eventId, String eventType, String orderSn, String channel, NotificationState state,
        int attempts, String lastError, Instant createdAt, Instant sentAt, Instant nextAttemptAt) {

    static NotificationView of(NotificationLogEntity row) {
        return new NotificationView(row.eventId, row.eventType, row.orderSn, row.channel, row.state, row.attempts,
                row.lastError, row.createdAt, row.sentAt,
                NotificationState.OPEN.contains(row.state) ? row.nextAttemptAt : null);
    }
}
