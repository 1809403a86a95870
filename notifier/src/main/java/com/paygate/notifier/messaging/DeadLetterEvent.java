package com.paygate.notifier.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * NOTIFICATION_DEAD_LETTER on {@code notifier-dlq} (key orderSn): a notification given up on, with the original
 * event as received (so it can be replayed onto order-events after the cause is fixed) and the last error.
 */
@RegisterForReflection
public record DeadLetterEvent(String eventId, String type, Instant occurredAt, String orderSn, String userId,
        String originalEventId, String channel, int attempts, String lastError, JsonNode originalEvent) {

    public static final String TYPE = "NOTIFICATION_DEAD_LETTER";
}
