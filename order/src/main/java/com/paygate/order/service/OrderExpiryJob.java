package com.paygate.order.service;

import com.paygate.order.config.OrderConfig;
import com.paygate.order.domain.OrderTrigger;
import com.paygate.order.event.OrderEventPublisher;
import com.paygate.order.repository.OrderEntity;
import com.paygate.order.repository.OrderRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Expires unpaid orders past {@code expire_at} and announces ORDER_EXPIRED (the payment service then closes the
 * open payment). Safe on any number of replicas: each batch locks its rows with {@code FOR UPDATE SKIP LOCKED}, so
 * replicas take disjoint rows, and a payment being applied to an order at the same moment either wins (the row is
 * no longer WAIT_PAY) or loses its version check and is retried against the EXPIRED order (then refunded).
 */
@ApplicationScoped
public class OrderExpiryJob {

    private static final Logger LOG = Logger.getLogger(OrderExpiryJob.class);
    /** Bounds one run, so a huge backlog cannot keep one run going for ever; the next run continues. */
    private static final int MAX_BATCHES_PER_RUN = 20;

    private final OrderRepository orders;
    private final OrderTransitions transitions;
    private final OrderEventPublisher events;
    private final OrderConfig config;

    public OrderExpiryJob(OrderRepository orders, OrderTransitions transitions, OrderEventPublisher events,
            OrderConfig config) {
        this.orders = orders;
        this.transitions = transitions;
        this.events = events;
        this.config = config;
    }

    @Scheduled(identity = "order-expiry", every = "${order.expiry-check-interval:10s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> expireOverdue() {
        return runBatches(0)
                .onFailure().invoke(e -> LOG.warnf("Order expiry run failed, the next run retries: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> runBatches(int done) {
        return expireBatch().chain(count -> count == config.expiryBatchSize() && done + 1 < MAX_BATCHES_PER_RUN
                ? runBatches(done + 1)
                : Uni.createFrom().voidItem());
    }

    /** One transaction: lock a batch of overdue orders, expire each, publish ORDER_EXPIRED. Returns how many. */
    Uni<Integer> expireBatch() {
        return Panache.withTransaction(() -> orders.lockOverdue(Instant.now(), config.expiryBatchSize())
                .chain(batch -> expireEach(batch, 0).replaceWith(batch.size())));
    }

    private Uni<Void> expireEach(List<OrderEntity> batch, int index) {
        if (index == batch.size()) {
            return Uni.createFrom().voidItem();
        }
        // One after another: a reactive session runs one statement at a time.
        return transitions.apply(batch.get(index), OrderTrigger.EXPIRE, "unpaid at " + batch.get(index).expireAt)
                .chain(events::expired)
                .chain(() -> expireEach(batch, index + 1));
    }
}
