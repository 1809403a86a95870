package com.paygate.order.rest;

import com.paygate.common.http.QueryParams;
import com.paygate.order.domain.OrderState;
import com.paygate.order.service.NewOrder;
import com.paygate.order.service.OrderService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import jakarta.json.JsonString;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The caller's orders; the caller is the token's {@code sub}. */
@Path("/api/orders")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders", description = "The caller's orders, priced on the server")
public class OrderResource {

    private static final int MAX_PAGE_SIZE = 100;

    private final OrderService orders;
    private final JsonWebToken jwt;

    public OrderResource(OrderService orders, JsonWebToken jwt) {
        this.orders = orders;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createOrder", summary = "Order a product",
            description = "Priced from the catalog (amountFen = price x quantity); WAIT_PAY until paid, cancelled or"
                    + " expired (order.expire-after).")
    @APIResponseSchema(value = OrderView.class, responseCode = "201", responseDescription = "Created; Location names the order")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED, MALFORMED_BODY")
    @APIResponse(responseCode = "404", description = "PRODUCT_NOT_FOUND (unknown or not on sale)")
    public Uni<RestResponse<OrderView>> create(@Valid @NotNull CreateOrderRequest body) {
        NewOrder request = new NewOrder(caller(), openid(), body.productId(), body.quantity(), body.remark());
        return orders.create(request).map(order -> RestResponse.ResponseBuilder
                .<OrderView>created(URI.create("/api/orders/" + order.orderSn))
                .entity(OrderView.of(order))
                .build());
    }

    @GET
    @Path("{orderSn}")
    @Operation(operationId = "getOrder", summary = "One of the caller's orders")
    @APIResponse(responseCode = "200", description = "The order")
    @APIResponse(responseCode = "404", description = "ORDER_NOT_FOUND (unknown or someone else's)")
    public Uni<OrderView> get(@PathParam("orderSn") String orderSn) {
        return orders.get(caller(), orderSn).map(OrderView::of);
    }

    /** Query values are parsed here rather than bound as int/enum: a bad value must answer 400, not 404. */
    @GET
    @Operation(operationId = "listOrders", summary = "The caller's orders, newest first, a page at a time")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "INVALID_QUERY_PARAMETER (state, page or size)")
    public Uni<OrderPageView> list(@QueryParam("state") String state, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        OrderState stateFilter = QueryParams.enumOf("state", state, OrderState.class);
        int pageNumber = QueryParams.intIn("page", page, 0, 0, Integer.MAX_VALUE);
        int pageSize = QueryParams.intIn("size", size, 20, 1, MAX_PAGE_SIZE);
        // The row offset page * size must fit an int (Hibernate's first result); past it the query would fail.
        int maxPage = Integer.MAX_VALUE / pageSize;
        if (pageNumber > maxPage) {
            throw QueryParams.invalid("page", "must be a whole number from 0 to " + maxPage + " with size " + pageSize);
        }
        return orders.list(caller(), stateFilter, pageNumber, pageSize).map(OrderPageView::of);
    }

    @POST
    @Path("{orderSn}/cancel")
    @Operation(operationId = "cancelOrder", summary = "Cancel an unpaid order (its open payments are closed)")
    @APIResponse(responseCode = "200", description = "The cancelled order")
    @APIResponse(responseCode = "404", description = "ORDER_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "ILLEGAL_STATE_TRANSITION (not WAIT_PAY),"
            + " CONCURRENT_UPDATE (changed meanwhile: read it again)")
    public Uni<OrderView> cancel(@PathParam("orderSn") String orderSn) {
        return orders.cancel(caller(), orderSn).map(OrderView::of);
    }

    @POST
    @Path("{orderSn}/redeem")
    @Operation(operationId = "redeemOrder", summary = "Use a paid order with its redeem code")
    @APIResponse(responseCode = "200", description = "The used order")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED, MALFORMED_BODY")
    @APIResponse(responseCode = "404", description = "ORDER_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "ILLEGAL_STATE_TRANSITION (not WAIT_USE),"
            + " CONCURRENT_UPDATE (changed meanwhile: read it again)")
    @APIResponse(responseCode = "422", description = "WRONG_REDEEM_CODE")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<OrderView> redeem(@PathParam("orderSn") String orderSn, @Valid @NotNull RedeemRequest body) {
        return orders.redeem(caller(), orderSn, body.redeemCode()).map(OrderView::of);
    }

    @POST
    @Path("{orderSn}/refund")
    @Operation(operationId = "refundOrder", summary = "Ask for a paid order's money back",
            description = "WAIT_USE -> REFUNDING; the payment service refunds and the order becomes REFUNDED (or back"
                    + " to WAIT_USE if the provider refuses).")
    @APIResponse(responseCode = "200", description = "The order, REFUNDING")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED, MALFORMED_BODY")
    @APIResponse(responseCode = "404", description = "ORDER_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "ILLEGAL_STATE_TRANSITION (not WAIT_USE),"
            + " CONCURRENT_UPDATE (changed meanwhile: read it again)")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<OrderView> refund(@PathParam("orderSn") String orderSn, @Valid @NotNull RefundRequest body) {
        return orders.requestRefund(caller(), orderSn, body.reason()).map(OrderView::of);
    }

    private String caller() {
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new UnauthorizedException("token without subject");
        }
        return subject;
    }

    private String openid() {
        Object claim = jwt.getClaim("openid");
        if (claim instanceof JsonString s) {
            return s.getString();
        }
        return claim == null ? null : claim.toString();
    }
}
