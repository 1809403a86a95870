package com.paygate.order.repository;

import com.paygate.eventing.claim.RowClaim;
import com.paygate.order.domain.OrderState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<OrderEntity, Long> {

    private static final Sort NEWEST_FIRST = Sort.descending("createdAt", "id");

    public Uni<OrderEntity> findBySn(String orderSn) {
        return find("orderSn", orderSn).firstResult();
    }

    /** The order only if {@code userId} owns it: other users cannot tell it from a missing one. */
    public Uni<OrderEntity> findOwned(String orderSn, String userId) {
        return find("orderSn = ?1 and userId = ?2", orderSn, userId).firstResult();
    }

    /** The latest state-log row of the order's moves into {@code state}: how it got there last. */
    public Uni<OrderStateLog> lastEntryInto(String orderSn, OrderState state) {
        return OrderStateLog.<OrderStateLog>find("orderSn = ?1 and toState = ?2 order by id desc", orderSn, state).firstResult();
    }

    public Uni<List<OrderEntity>> pageOf(String userId, OrderState state, int page, int size) {
        return (state == null
                ? find("userId = ?1", NEWEST_FIRST, userId)
                : find("userId = ?1 and state = ?2", NEWEST_FIRST, userId, state))
                .page(Page.of(page, size)).list();
    }

    public Uni<Long> countOf(String userId, OrderState state) {
        return state == null ? count("userId = ?1", userId) : count("userId = ?1 and state = ?2", userId, state);
    }

    /**
     * Locks up to {@code limit} unpaid orders past their expiry for this transaction. Rows another replica (or
     * a payment being applied) holds are skipped, not waited for: they are someone else's, or decided already.
     */
    public Uni<List<OrderEntity>> lockOverdue(Instant now, int limit) {
        return RowClaim.of("orders", OrderEntity.class)
                .candidates("state = ?1 AND expire_at <= ?2", OrderState.WAIT_PAY.name(), now)
                .orderBy("expire_at, id").limit(limit)
                .lock();
    }
}
