package com.paygate.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A webhook the platform sent, as returned by {@link Webhooks#verify}.
 *
 * <p>Delivery is at-least-once: the same event can arrive more than once (a retry after a timeout, a manual resend),
 * so a receiver handles each {@link #id()} once and answers 2xx to the repeats.
 *
 * @param type what happened, e.g. a payment succeeding or a refund finishing
 * @param data the event's payload; its shape depends on {@code type}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookEvent(String id, String type, Instant createdAt, JsonNode data) {
}
