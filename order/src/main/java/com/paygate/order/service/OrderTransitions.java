package com.paygate.order.service;

import com.paygate.eventing.transition.IllegalTransitionException;
import com.paygate.eventing.transition.Transition;
import com.paygate.eventing.transition.TransitionEngine;
import com.paygate.order.domain.OrderState;
import com.paygate.order.domain.OrderStateMachine;
import com.paygate.order.domain.OrderTrigger;
import com.paygate.order.repository.OrderEntity;
import com.paygate.order.repository.OrderRepository;
import com.paygate.order.repository.OrderStateLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
import java.util.function.Consumer;
import org.hibernate.StaleStateException;

/**
 * The one way an order changes state: {@link TransitionEngine} over {@link OrderStateMachine}, on an order loaded in
 * the current transaction. What is the order's own: the versioned update is flushed at once, so a lost race fails
 * here as {@link ConcurrentOrderUpdateException} and not at commit, and the move is logged in order_state_log.
 * The events an order publishes are the caller's ({@code OrderEventPublisher}), as they depend on why it moved.
 */
@ApplicationScoped
public class OrderTransitions {

    private final TransitionEngine<OrderEntity, OrderState, OrderTrigger> engine;

    public OrderTransitions(OrderRepository orders, MeterRegistry metrics) {
        this.engine = TransitionEngine.<OrderEntity, OrderState, OrderTrigger>builder(OrderStateMachine.TABLE)
                .entity(o -> o.orderSn, o -> o.state)
                .enter((o, t) -> {
                    o.state = t.to();
                    o.updatedAt = t.at();
                })
                .write(o -> orders.flush()
                        .onFailure(OrderTransitions::isVersionConflict)
                        .transform(e -> new ConcurrentOrderUpdateException(o.orderSn)))
                .audit(t -> log(t).persist())
                .metrics(metrics, "order.transitions")
                .build();
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
        return engine.applyOrFail(order, trigger, trigger.source().name(), reason, (o, t) -> changes.accept(o));
    }

    /** The log row of a new order (no previous state); call after persisting the order. */
    public Uni<OrderStateLog> logCreated(OrderEntity order) {
        return log(new Transition<>(order.orderSn, null, order.state, OrderTrigger.CREATE,
                OrderTrigger.CREATE.source().name(), null, order.createdAt)).persist();
    }

    static boolean isVersionConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StaleStateException || t instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    private static OrderStateLog log(Transition<OrderState, OrderTrigger> t) {
        OrderStateLog row = new OrderStateLog();
        row.orderSn = t.key();
        row.fromState = t.from();
        row.toState = t.to();
        row.event = t.trigger();
        row.source = t.source();
        row.reason = Transition.clip(t.reason());
        row.changedAt = t.at();
        return row;
    }
}
