package com.paygate.payment.rest;

import com.paygate.payment.webhook.WebhookAttempt;
import com.paygate.payment.webhook.WebhookDeliveries;
import com.paygate.payment.webhook.WebhookDelivery;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** A webhook event's delivery and every try of it (the delivery log). */
@RegisterForReflection
public record WebhookDeliveryView(String eventId, String type, String state, int attempts, Instant nextAttemptAt,
        Integer lastStatus, String lastError, Instant deliveredAt, Instant createdAt, List<Attempt> attemptLog) {

    @RegisterForReflection
    public record Attempt(int attempt, Instant at, Integer status, long latencyMs, String error) {
    }

    static WebhookDeliveryView of(WebhookDeliveries.Logged logged) {
        WebhookDelivery d = logged.delivery();
        return new WebhookDeliveryView(d.eventId, d.type, d.state.name(), d.attempts,
                d.state == WebhookDelivery.State.PENDING ? d.nextAttemptAt : null, d.lastStatus, d.lastError, d.deliveredAt,
                d.createdAt, logged.attempts().stream().map(WebhookDeliveryView::attempt).toList());
    }

    private static Attempt attempt(WebhookAttempt a) {
        return new Attempt(a.attempt, a.at, a.status, a.latencyMs, a.error);
    }
}
