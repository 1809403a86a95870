package com.paygate.payment.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.payment.app.AppOrders;
import com.paygate.payment.app.AppPayment;
import com.paygate.payment.app.AppRefund;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.Refund;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Webhook events of apps' payments and refunds, enqueued in the transaction of the state change they announce (the
 * webhook_delivery row is the outbox: committed with the change or not at all) and delivered by the webhook job.
 */
@ApplicationScoped
public class Webhooks {

    public static final String PAYMENT_SUCCEEDED = "payment.succeeded";
    public static final String PAYMENT_CLOSED = "payment.closed";
    public static final String PAYMENT_FAILED = "payment.failed";
    public static final String REFUND_SUCCEEDED = "refund.succeeded";
    public static final String REFUND_FAILED = "refund.failed";

    /** The body every try sends: {id, type, createdAt, data}; data is an AppPayment or an AppRefund. */
    @RegisterForReflection
    public record Event(String id, String type, Instant createdAt, Object data) {
    }

    private final ObjectMapper json;
    private final AppOrders orders;

    public Webhooks(ObjectMapper json, AppOrders orders) {
        this.json = json;
        this.orders = orders;
    }

    /** A payment event (a late payment is payment.succeeded with paidAfterClose). Call in the change's transaction. */
    public Uni<Void> payment(String type, Payment p, Instant at) {
        return orders.metadata(p.appId, p.orderSn).chain(metadata -> enqueue(p.appId, type, at, AppPayment.of(p, metadata)));
    }

    /** A refund event; refundedTotalFen is the payment's after this change. Call in the change's transaction. */
    public Uni<Void> refund(String type, Payment p, Refund r, Instant at) {
        return enqueue(p.appId, type, at, AppRefund.of(r, p.refundedFen));
    }

    private Uni<Void> enqueue(String appId, String type, Instant at, Object data) {
        WebhookDelivery d = new WebhookDelivery();
        d.eventId = UUID.randomUUID().toString();
        d.appId = appId;
        d.type = type;
        d.payload = write(new Event(d.eventId, type, at, data));
        d.state = WebhookDelivery.State.PENDING;
        d.nextAttemptAt = at;
        d.createdAt = at;
        return d.persist().replaceWithVoid();
    }

    private String write(Event event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook event not writable", e);
        }
    }
}
