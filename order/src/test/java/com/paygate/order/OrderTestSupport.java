package com.paygate.order;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.testing.DevTokens;
import com.paygate.testing.EventContract;
import com.paygate.testing.TopicTail;
import com.paygate.testing.Topics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Shared test steps: users, orders through the API, payment events on the real broker, and database probes.
 * Everything above "database probes" works against the packaged jar too (REST and Kafka only), so the REST-level
 * test classes that {@code *IT} classes extend must use only those.
 */
public final class OrderTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventContract PAYMENT_EVENTS = EventContract.of("payment-events");

    /**
     * Where the tests' payment events go: the app under test consumes this topic instead of payment-events (config
     * {@code %test} and failsafe's environment for the jar), so another order service on the shared broker (e.g. an
     * e2e run) cannot apply them first.
     */
    public static final String PAYMENT_TOPIC = "payment-events-order-test";

    private OrderTestSupport() {
    }

    /** A fresh user per test, so tests never see each other's orders. */
    public static String newUser() {
        return "u-" + UUID.randomUUID();
    }

    public static String bearer(String userId) {
        return DevTokens.bearer(DevTokens.user(userId, "openid-" + userId));
    }

    public static JsonPath createOrder(String userId, long productId, int quantity) {
        return given().header("Authorization", bearer(userId)).contentType(ContentType.JSON)
                .body(Map.of("productId", productId, "quantity", quantity, "remark", "test"))
                .when().post("/api/orders")
                .then().statusCode(201).extract().jsonPath();
    }

    public static JsonPath getOrder(String userId, String orderSn) {
        return given().header("Authorization", bearer(userId))
                .when().get("/api/orders/" + orderSn)
                .then().statusCode(200).extract().jsonPath();
    }

    public static String state(String userId, String orderSn) {
        return getOrder(userId, orderSn).getString("state");
    }

    /** A new order paid in full by a PAYMENT_SUCCEEDED on the real broker, once it is WAIT_USE. */
    public static JsonPath paidOrder(String userId, long productId, int quantity, String paySn) {
        JsonPath created = createOrder(userId, productId, quantity);
        String sn = created.getString("orderSn");
        sendPaymentEvent(sn, paymentSucceeded(UUID.randomUUID().toString(), sn, userId, paySn,
                created.getLong("amountFen")));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> state(userId, sn).equals("WAIT_USE"));
        return getOrder(userId, sn);
    }

    /** REFUND_SUCCEEDED as the payment service sends it. */
    public static String refundSucceeded(String eventId, String orderSn, String userId, String paySn, long refundFen,
            long refundedTotalFen, long paidFen) {
        return refundEvent("REFUND_SUCCEEDED", eventId, orderSn, userId, paySn, refundFen, refundedTotalFen, paidFen);
    }

    /** REFUND_FAILED as the payment service sends it: the provider refused or closed the refund. */
    public static String refundFailed(String eventId, String orderSn, String userId, String paySn, long refundFen,
            long paidFen) {
        return refundEvent("REFUND_FAILED", eventId, orderSn, userId, paySn, refundFen, 0, paidFen);
    }

    private static String refundEvent(String type, String eventId, String orderSn, String userId, String paySn,
            long refundFen, long refundedTotalFen, long paidFen) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", eventId);
        e.put("type", type);
        e.put("occurredAt", Instant.now().toString());
        e.put("paySn", paySn);
        e.put("orderSn", orderSn);
        e.put("userId", userId);
        e.put("refundSn", "R-" + UUID.randomUUID());
        e.put("refundAmountFen", refundFen);
        e.put("refundedTotalFen", refundedTotalFen);
        e.put("amountFen", paidFen);
        return asPaymentSends(e);
    }

    // ---- payment events ------------------------------------------------------------------------------------------

    /** PAYMENT_SUCCEEDED as the payment service sends it (held to the topic's schema). */
    public static String paymentSucceeded(String eventId, String orderSn, String userId, String paySn, long amountFen) {
        return asPaymentSends(paymentSucceededFields(eventId, orderSn, userId, paySn, amountFen));
    }

    /** The same fields without the schema check: for tests of what the consumer does with a record out of contract. */
    public static String paymentSucceededOutOfContract(String eventId, String orderSn, String userId, String paySn,
            long amountFen) {
        return json(paymentSucceededFields(eventId, orderSn, userId, paySn, amountFen));
    }

    private static Map<String, Object> paymentSucceededFields(String eventId, String orderSn, String userId, String paySn,
            long amountFen) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", eventId);
        e.put("type", "PAYMENT_SUCCEEDED");
        e.put("occurredAt", Instant.now().toString());
        e.put("paySn", paySn);
        e.put("orderSn", orderSn);
        e.put("userId", userId);
        e.put("amountFen", amountFen);
        e.put("channel", "WECHAT_JSAPI");
        e.put("transactionId", "tx-" + paySn);
        e.put("paidAt", Instant.now().toString());
        return e;
    }

    /** A payment-events record built here must be one payment could send: it is held to the topic's schema. */
    private static String asPaymentSends(Map<String, Object> event) {
        String value = json(event);
        PAYMENT_EVENTS.assertValid(value);
        return value;
    }

    public static String event(String eventId, String type, String orderSn, Map<String, Object> extra) {
        Map<String, Object> e = new LinkedHashMap<>(extra);
        e.put("eventId", eventId);
        e.put("type", type);
        e.put("occurredAt", Instant.now().toString());
        e.put("orderSn", orderSn);
        return json(e);
    }

    public static void sendPaymentEvent(String orderSn, String value) {
        Topics.send(PAYMENT_TOPIC, orderSn, value);
    }

    /** order-events from where it stood now: make one when a test starts, read it with the methods below. */
    public static TopicTail orderEventsFromNow() {
        return TopicTail.startingNow("order-events");
    }

    /**
     * This order's records on {@code orderEvents} once one of {@code type} is there and the topic has settled (read
     * on past a quiet window), so a duplicate published later is counted too.
     */
    public static List<JsonPath> orderEvents(TopicTail orderEvents, String orderSn, String type, Duration timeout) {
        return orderEvents.settled(orderSn, found -> found.stream().anyMatch(r -> isType(r, type)), timeout).stream()
                .map(r -> JsonPath.from(r.value())).toList();
    }

    /** As {@link #orderEvents}, only those of {@code type}: assert their count to assert "exactly once". */
    public static List<JsonPath> orderEventsOfType(TopicTail orderEvents, String orderSn, String type, Duration timeout) {
        return orderEvents(orderEvents, orderSn, type, timeout).stream().filter(e -> type.equals(e.getString("type"))).toList();
    }

    /** The first record of {@code type} for this order, as soon as it is there (no quiet window: nothing is counted). */
    public static JsonPath orderEvent(TopicTail orderEvents, String orderSn, String type, Duration timeout) {
        return orderEvents.until(orderSn, found -> found.stream().anyMatch(r -> isType(r, type)), timeout).stream()
                .filter(r -> isType(r, type)).map(r -> JsonPath.from(r.value())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " for " + orderSn + " within " + timeout));
    }

    private static boolean isType(ConsumerRecord<String, String> record, String type) {
        return type.equals(JsonPath.from(record.value()).getString("type"));
    }

    // ---- database probes -----------------------------------------------------------------------------------------

    public static long stateLogRows(String orderSn, String toState) {
        return number("SELECT COUNT(*) FROM order_state_log WHERE order_sn = ?1 AND to_state = ?2", orderSn, toState);
    }

    public static long allStateLogRows(String orderSn) {
        return number("SELECT COUNT(*) FROM order_state_log WHERE order_sn = ?1", orderSn);
    }

    public static long outboxRows(String orderSn, String type) {
        return number("SELECT COUNT(*) FROM outbox_event WHERE topic = 'order-events' AND msg_key = ?1 AND event_type = ?2",
                orderSn, type);
    }

    /** The given column of the order's log row into {@code toState}. */
    public static String logColumn(String orderSn, String toState, String column) {
        Object value = single("SELECT " + column + " FROM order_state_log WHERE order_sn = ?1 AND to_state = ?2",
                orderSn, toState);
        return value == null ? null : value.toString();
    }

    public static boolean refundFlagged(String orderSn) {
        return number("SELECT COUNT(*) FROM orders WHERE order_sn = ?1 AND refund_flag = TRUE", orderSn) == 1;
    }

    public static long version(String orderSn) {
        return number("SELECT version FROM orders WHERE order_sn = ?1", orderSn);
    }

    public static boolean processed(String eventId) {
        return number("SELECT COUNT(*) FROM processed_event WHERE consumer = 'order-service' AND event_id = ?1", eventId) == 1;
    }

    /** Whether the event waits in the parking lot (deferred_event), not done. */
    public static boolean parked(String eventId) {
        return number("SELECT COUNT(*) FROM deferred_event WHERE consumer = 'order-service' AND event_id = ?1", eventId) == 1;
    }

    /** How many times a parked event was tried and deferred again. */
    public static long parkedAttempts(String eventId) {
        return number("SELECT attempts FROM deferred_event WHERE consumer = 'order-service' AND event_id = ?1", eventId);
    }

    /** Ends a parked event's back-off, as time would. */
    public static void parkedDueNow(String eventId) {
        update("UPDATE deferred_event SET next_attempt_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE event_id = ?1", eventId);
    }

    public static String column(String orderSn, String column) {
        Object value = single("SELECT " + column + " FROM orders WHERE order_sn = ?1", orderSn);
        return value == null ? null : value.toString();
    }

    /** Moves the order's expiry into the past, as if its 30 minutes were up. */
    public static void makeOverdue(String orderSn) {
        update("UPDATE orders SET expire_at = ?1 WHERE order_sn = ?2", Instant.now().minusSeconds(5), orderSn);
    }

    public static void update(String sql, Object... params) {
        await(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return q.executeUpdate();
        })));
    }

    private static long number(String sql, Object... params) {
        return ((Number) single(sql, params)).longValue();
    }

    private static Object single(String sql, Object... params) {
        return await(() -> Panache.withSession(() -> Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return q.getSingleResult();
        })));
    }

    /** Runs reactive work on a Vert.x context from a test thread and waits for its result. */
    public static <T> T await(Supplier<io.smallrye.mutiny.Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
