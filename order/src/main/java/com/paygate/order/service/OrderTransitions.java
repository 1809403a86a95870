package com.paygate.order.service;

import com.paygate.order.domain.ConcurrentOrderUpdateException;
import com.paygate.order.domain.IllegalTransitionException;
import com.paygate.order.domain.OrderState;
import com.paygate.order.domain.OrderStateMachine;
import com.paygate.order.domain.OrderTrigger;
import com.paygate.order.repository.OrderEntity;
import com.paygate.order.repository.OrderRepository;
import com.paygate.order.repository.OrderStateLog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;

/**
 * Applies a state change to an order loaded in the current transaction: checks the transition table, applies the
 * change, writes it with the version check and adds the state log row. Call inside a transaction.
 */
@ApplicationScoped
public class OrderTransitions {

    private static final Logger LOG = Logger.getLogger(OrderTransitions.class);

    private final OrderRepository orders;

    public OrderTransitions(OrderRepository orders) {
        this.orders = orders;
    }

    public Uni<OrderEntity> apply(OrderEntity order, OrderTrigger trigger, String reason) {
        return apply(order, trigger, reason, o -> {
        });
    }

    /**
     * @param changes further field changes that belong to this transition (redeem code, payment, refund flag);
     *                applied only when the transition is allowed
     * @throws IllegalTransitionException (as a failed Uni) if the table does not allow it; nothing changes
     * @throws ConcurrentOrderUpdateException (as a failed Uni) if the order changed since it was read
     */
    public Uni<OrderEntity> apply(OrderEntity order, OrderTrigger trigger, String reason, Consumer<OrderEntity> changes) {
        OrderState from = order.state;
        OrderState to;
        try {
            to = OrderStateMachine.next(order.orderSn, from, trigger);
        } catch (IllegalTransitionException e) {
            LOG.warnf("Rejected illegal transition of order %s: %s --%s--> ? (%s)", order.orderSn, from, trigger, reason);
            return Uni.createFrom().failure(e);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        changes.accept(order);
        order.state = to;
        order.updatedAt = now;
        // Flush now so the versioned UPDATE runs here and a lost race surfaces as our exception, not at commit.
        return orders.flush()
                .onFailure(OrderTransitions::isVersionConflict)
                .transform(e -> new ConcurrentOrderUpdateException(order.orderSn))
                .chain(() -> log(order.orderSn, from, to, trigger, reason, now).persist())
                .invoke(() -> LOG.infof("Order %s: %s --%s--> %s (%s)", order.orderSn, from, trigger, to, reason))
                .replaceWith(order);
    }

    /** The log row of a new order (no previous state); call after persisting the order. */
    public Uni<OrderStateLog> logCreated(OrderEntity order) {
        return log(order.orderSn, null, order.state, OrderTrigger.CREATE, null, order.createdAt).persist();
    }

    static boolean isVersionConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StaleStateException || t instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    private static OrderStateLog log(String orderSn, OrderState from, OrderState to, OrderTrigger trigger,
            String reason, Instant at) {
        OrderStateLog row = new OrderStateLog();
        row.orderSn = orderSn;
        row.fromState = from;
        row.toState = to;
        row.event = trigger;
        row.reason = reason == null || reason.length() <= 255 ? reason : reason.substring(0, 255);
        row.changedAt = at;
        return row;
    }
}
