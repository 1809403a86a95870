package com.paygate.payment.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The order service's contract ({@code GET /api/orders/{orderSn}}: 404 unless the bearer token's sub owns the
 * order), on a local port, once per test JVM. This is our own service, not a provider, so it is not in the provider
 * sandbox; running the real one would need its database and Kafka topics and would make the payment tests test
 * order creation too. The provider calls go to the real sandbox ({@code SandboxResource}).
 */
public class OrderServiceDouble implements QuarkusTestResourceLifecycleManager {

    /** An order number whose lookup drops the connection: the order service "is down". */
    public static final String ORDER_SERVICE_DOWN = "DOWN";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ObjectNode> ORDERS = new ConcurrentHashMap<>();
    /** Orders answered to any caller, as an order service with an ownership bug would: payment must check itself. */
    private static final java.util.Set<String> ANSWERED_TO_ANYONE = ConcurrentHashMap.newKeySet();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        try {
            vertx = Vertx.vertx();
            Router router = Router.router(vertx);
            router.get("/api/orders/:orderSn").handler(OrderServiceDouble::order);
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return Map.of("quarkus.rest-client.order-api.url", "http://127.0.0.1:" + server.actualPort());
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the order service double", e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    public static void seedOrder(String orderSn, String userId, long amountFen, String state) {
        seedOrder(orderSn, userId, amountFen, state, "Ticket " + orderSn);
    }

    public static void seedOrder(String orderSn, String userId, long amountFen, String state, String title) {
        ObjectNode order = JSON.createObjectNode().put("orderSn", orderSn).put("state", state).put("amountFen", amountFen)
                .put("title", title).put("userId", userId)
                .put("expireAt", Instant.now().plusSeconds(1800).toString());
        ORDERS.put(orderSn, order);
    }

    /** An order of {@code userId} that this double answers to every caller (payment's own owner check must hold). */
    public static void seedOrderAnsweredToAnyone(String orderSn, String userId, long amountFen) {
        seedOrder(orderSn, userId, amountFen, "WAIT_PAY");
        ANSWERED_TO_ANYONE.add(orderSn);
    }

    // ---- order API -------------------------------------------------------------------------------------------

    private static void order(RoutingContext ctx) {
        String orderSn = ctx.pathParam("orderSn");
        if (ORDER_SERVICE_DOWN.equals(orderSn)) {
            ctx.request().connection().close();
            return;
        }
        ObjectNode order = ORDERS.get(orderSn);
        String sub = subject(ctx.request().getHeader("Authorization"));
        boolean owner = sub != null && order != null && sub.equals(order.path("userId").asText());
        if (order == null || sub == null || !(owner || ANSWERED_TO_ANYONE.contains(orderSn))) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                    .end("{\"status\":404,\"title\":\"Not Found\",\"code\":\"ORDER_NOT_FOUND\"}");
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json").end(order.toString());
    }

    private static String subject(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("sub").asText(null);
        } catch (Exception e) {
            return null;
        }
    }
}
