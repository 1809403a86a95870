package com.paygate.order.service;

import com.paygate.common.error.ApiException;
import com.paygate.order.catalog.ProductRepository;
import com.paygate.order.config.OrderConfig;
import com.paygate.eventing.transition.IllegalTransitionException;
import com.paygate.order.domain.OrderState;
import com.paygate.order.domain.OrderStateMachine;
import com.paygate.order.domain.OrderTrigger;
import com.paygate.order.event.OrderEventPublisher;
import com.paygate.order.repository.OrderEntity;
import com.paygate.order.repository.OrderRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The caller-facing order operations. Every lookup is scoped to the caller: another user's order is "not found". */
@ApplicationScoped
public class OrderService {

    /** Starts the reason of a refund the owner asked for, next to LATE_PAYMENT, AMOUNT_MISMATCH, EXTRA_PAYMENT. */
    public static final String USER_REFUND_PREFIX = "USER_REQUEST: ";

    private final OrderRepository orders;
    private final ProductRepository products;
    private final OrderTransitions transitions;
    private final OrderEventPublisher events;
    private final OrderNumbers numbers;
    private final OrderConfig config;

    public OrderService(OrderRepository orders, ProductRepository products, OrderTransitions transitions,
            OrderEventPublisher events, OrderNumbers numbers, OrderConfig config) {
        this.orders = orders;
        this.products = products;
        this.transitions = transitions;
        this.events = events;
        this.numbers = numbers;
        this.config = config;
    }

    @WithTransaction
    public Uni<OrderEntity> create(NewOrder request) {
        return products.findActive(request.productId())
                .onItem().ifNull().failWith(() -> ApiException.notFound("PRODUCT_NOT_FOUND",
                        "No product " + request.productId()))
                .chain(product -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                    OrderEntity order = new OrderEntity();
                    order.orderSn = numbers.next();
                    order.userId = request.userId();
                    order.openid = request.openid();
                    order.productId = product.id;
                    order.title = product.title;
                    order.quantity = request.quantity();
                    order.amountFen = Math.multiplyExact(product.priceFen, (long) request.quantity());
                    order.remark = request.remark();
                    order.state = OrderState.WAIT_PAY;
                    order.createdAt = now;
                    order.updatedAt = now;
                    order.expireAt = now.plus(config.expireAfter());
                    return orders.persist(order).chain(transitions::logCreated).replaceWith(order);
                });
    }

    @WithSession
    public Uni<OrderEntity> get(String userId, String orderSn) {
        return owned(userId, orderSn);
    }

    @WithSession
    public Uni<OrderPage> list(String userId, OrderState state, int page, int size) {
        // One statement at a time: a reactive session does not run two queries concurrently.
        return orders.pageOf(userId, state, page, size)
                .chain(items -> orders.countOf(userId, state).map(total -> new OrderPage(items, page, size, total)));
    }

    @WithTransaction
    public Uni<OrderEntity> cancel(String userId, String orderSn) {
        return owned(userId, orderSn)
                .chain(order -> transitions.apply(order, OrderTrigger.CANCEL, "cancelled by the user"))
                .call(events::cancelled);
    }

    @WithTransaction
    public Uni<OrderEntity> redeem(String userId, String orderSn, String redeemCode) {
        return owned(userId, orderSn).chain(order -> {
            // State first: a code cannot be "wrong" for an order that has none to redeem.
            if (!OrderStateMachine.allows(order.state, OrderTrigger.REDEEM)) {
                return Uni.createFrom().failure(new IllegalTransitionException(OrderStateMachine.TABLE.machine(), orderSn, order.state, OrderTrigger.REDEEM));
            }
            if (!RedeemCodes.matches(order.redeemCode, redeemCode)) {
                return Uni.createFrom().failure(ApiException.unprocessable("WRONG_REDEEM_CODE",
                        "The redeem code does not match this order"));
            }
            return transitions.apply(order, OrderTrigger.REDEEM, "redeemed");
        });
    }

    /**
     * The owner asks for the money of a paid, unused order back: {@code WAIT_USE -> REFUNDING}, flagged with the
     * reason, and ORDER_REFUND_REQUESTED for the order's payment, in one transaction. Any other state (unpaid, used,
     * already refunding) is 409 and changes nothing, so a repeated request publishes nothing.
     */
    @WithTransaction
    public Uni<OrderEntity> requestRefund(String userId, String orderSn, String reason) {
        String flagged = USER_REFUND_PREFIX + reason;
        return owned(userId, orderSn)
                .chain(order -> transitions.apply(order, OrderTrigger.REFUND_REQUESTED, flagged, o -> {
                    o.refundFlag = true;
                    o.refundReason = flagged;
                }))
                .call(order -> events.refundRequested(order, order.paySn, order.amountFen, flagged));
    }

    private Uni<OrderEntity> owned(String userId, String orderSn) {
        return orders.findOwned(orderSn, userId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("ORDER_NOT_FOUND", "No order " + orderSn));
    }
}
