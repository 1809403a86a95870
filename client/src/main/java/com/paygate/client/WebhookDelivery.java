package com.paygate.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * How the platform is getting one webhook event to the app's endpoint: lets the app see failed deliveries and why.
 *
 * @param eventId the {@link WebhookEvent#id()} being delivered
 * @param nextAttemptAt when the next retry is due, null once delivered or given up
 * @param lastStatus the HTTP status of the last attempt, null when it got no response
 * @param attemptLog every attempt so far, oldest first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookDelivery(String eventId, String type, String state, int attempts, Instant nextAttemptAt,
        Integer lastStatus, String lastError, Instant deliveredAt, Instant createdAt, List<Attempt> attemptLog) {

    /**
     * One delivery attempt.
     *
     * @param status the HTTP status the app's endpoint answered, null when there was no response (timeout, refused)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attempt(int attempt, Instant at, Integer status, long latencyMs, String error) {
    }
}
