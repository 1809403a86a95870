package com.paygate.order.event;

import com.paygate.eventing.outbox.Outbox;
import com.paygate.order.repository.OrderEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Announces order changes on {@code order-events} (key: the order number, so one order's events stay in order).
 * Writes to the outbox: call inside the transaction that made the change.
 */
@ApplicationScoped
public class OrderEventPublisher {

    public static final String TOPIC = "order-events";
    public static final String ORDER_PAID = "ORDER_PAID";
    public static final String ORDER_CANCELLED = "ORDER_CANCELLED";
    public static final String ORDER_EXPIRED = "ORDER_EXPIRED";
    public static final String ORDER_REFUND_REQUESTED = "ORDER_REFUND_REQUESTED";
    public static final String ORDER_REFUNDED = "ORDER_REFUNDED";
    public static final String ORDER_REFUND_FAILED = "ORDER_REFUND_FAILED";

    private final Outbox outbox;

    public OrderEventPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> paid(OrderEntity o) {
        String id = newId();
        return enqueue(o, id, ORDER_PAID, new OrderPaidEvent(id, ORDER_PAID, now(), o.orderSn, o.userId, o.openid,
                o.title, o.amountFen, o.redeemCode, o.paidAt, o.paySn));
    }

    public Uni<Void> cancelled(OrderEntity o) {
        return closed(o, ORDER_CANCELLED);
    }

    public Uni<Void> expired(OrderEntity o) {
        return closed(o, ORDER_EXPIRED);
    }

    public Uni<Void> refundRequested(OrderEntity o, String paySn, long paidFen, String reason) {
        String id = newId();
        return enqueue(o, id, ORDER_REFUND_REQUESTED, new OrderRefundRequestedEvent(id, ORDER_REFUND_REQUESTED, now(),
                o.orderSn, o.userId, paySn, paidFen, reason));
    }

    public Uni<Void> refunded(OrderEntity o, long refundedFen) {
        String id = newId();
        return enqueue(o, id, ORDER_REFUNDED, new OrderRefundedEvent(id, ORDER_REFUNDED, now(), o.orderSn, o.userId,
                o.openid, o.title, o.amountFen, refundedFen));
    }

    public Uni<Void> refundFailed(OrderEntity o) {
        String id = newId();
        return enqueue(o, id, ORDER_REFUND_FAILED, new OrderRefundFailedEvent(id, ORDER_REFUND_FAILED, now(), o.orderSn,
                o.userId, o.openid, o.title, o.amountFen));
    }

    private Uni<Void> closed(OrderEntity o, String type) {
        String id = newId();
        return enqueue(o, id, type, new OrderClosedEvent(id, type, now(), o.orderSn, o.userId, o.amountFen));
    }

    private Uni<Void> enqueue(OrderEntity o, String eventId, String type, Object payload) {
        return outbox.enqueue(TOPIC, o.orderSn, eventId, type, payload).replaceWithVoid();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
