package com.paygate.sandbox.notify;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One POST to a notify URL and what came back.
 *
 * @param kind {@code notification} (with its retries), {@code duplicate} (duplicateNotifications fault) or
 *     {@code stale} (outOfOrder fault)
 * @param status HTTP status, 0 when no answer came (connection refused, timeout)
 */
@RegisterForReflection
public record DeliveryAttempt(int attempt, String at, int status, String responseBody, String kind, String notificationId,
        String requestBody) {
}
