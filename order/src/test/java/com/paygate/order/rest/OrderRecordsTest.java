package com.paygate.order.rest;

import static com.paygate.order.OrderTestSupport.allStateLogRows;
import static com.paygate.order.OrderTestSupport.bearer;
import static com.paygate.order.OrderTestSupport.column;
import static com.paygate.order.OrderTestSupport.createOrder;
import static com.paygate.order.OrderTestSupport.logColumn;
import static com.paygate.order.OrderTestSupport.newUser;
import static com.paygate.order.OrderTestSupport.outboxRows;
import static com.paygate.order.OrderTestSupport.paidOrder;
import static com.paygate.order.OrderTestSupport.processed;
import static com.paygate.order.OrderTestSupport.refundFlagged;
import static com.paygate.order.OrderTestSupport.refundSucceeded;
import static com.paygate.order.OrderTestSupport.sendPaymentEvent;
import static com.paygate.order.OrderTestSupport.state;
import static com.paygate.order.OrderTestSupport.stateLogRows;
import static com.paygate.order.OrderTestSupport.version;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.paygate.testing.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the API calls write to the database (rows, versions, outbox), looked at directly. Needs the app's beans in
 * the test JVM, so it has no packaged-jar twin; the HTTP side is in {@link OrderResourceTest}, {@link OrderRefundTest}.
 */
@QuarkusTest
class OrderRecordsTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private static RequestSpecification as(String userId) {
        return given().header("Authorization", bearer(userId)).contentType(ContentType.JSON);
    }

    @Test
    void createStoresTheCallerAndOpenidAndLogsTheCreation() {
        String user = newUser();
        String sn = createOrder(user, 2, 3).getString("orderSn");
        assertEquals("openid-" + user, column(sn, "openid"));
        assertEquals(user, column(sn, "user_id"));
        assertEquals(1, allStateLogRows(sn), "creation is logged");

        String sn2 = given().header("Authorization", DevTokens.bearer(DevTokens.user(user)))
                .contentType(ContentType.JSON).body(Map.of("productId", 5, "quantity", 1))
                .when().post("/api/orders").then().statusCode(201).extract().path("orderSn");
        assertNull(column(sn2, "openid"));
    }

    @Test
    void anIllegalCancelChangesNothing() {
        String user = newUser();
        String sn = createOrder(user, 3, 2).getString("orderSn");
        as(user).when().post("/api/orders/" + sn + "/cancel").then().statusCode(200);
        long versionAfterCancel = version(sn);
        long logRows = allStateLogRows(sn);

        as(user).when().post("/api/orders/" + sn + "/cancel").then().statusCode(409);
        as(user).body(Map.of("redeemCode", "1234567890")).when().post("/api/orders/" + sn + "/redeem")
                .then().statusCode(409);
        assertEquals(versionAfterCancel, version(sn));
        assertEquals(logRows, allStateLogRows(sn));
        assertEquals(1, outboxRows(sn, "ORDER_CANCELLED"));
    }

    @Test
    void aRefundRequestWritesTheFlagOneLogRowAndOneEventAndARepeatWritesNothing() {
        String user = newUser();
        String sn = paidOrder(user, 5, 1, "P-" + UUID.randomUUID()).getString("orderSn");
        long versionPaid = version(sn);

        as(user).body(Map.of("reason", "plans changed")).when().post("/api/orders/" + sn + "/refund")
                .then().statusCode(200);
        assertEquals("REFUNDING", column(sn, "state"));
        assertTrue(refundFlagged(sn));
        assertEquals("USER_REQUEST: plans changed", column(sn, "refund_reason"));
        assertEquals(versionPaid + 1, version(sn));
        assertEquals(1, stateLogRows(sn, "REFUNDING"));
        assertEquals("REFUND_REQUESTED", logged(sn, "REFUNDING", "event"));
        assertEquals(1, outboxRows(sn, "ORDER_REFUND_REQUESTED"));
        long logRows = allStateLogRows(sn);

        as(user).body(Map.of("reason", "again")).when().post("/api/orders/" + sn + "/refund")
                .then().statusCode(409);
        assertEquals(versionPaid + 1, version(sn));
        assertEquals(logRows, allStateLogRows(sn));
        assertEquals(1, outboxRows(sn, "ORDER_REFUND_REQUESTED"));
        assertEquals("USER_REQUEST: plans changed", column(sn, "refund_reason"));
    }

    @Test
    void refundRequestsOfUnpaidOrUsedOrdersWriteNothing() {
        String user = newUser();
        String unpaid = createOrder(user, 6, 1).getString("orderSn");
        as(user).body(Map.of("reason", "r")).when().post("/api/orders/" + unpaid + "/refund").then().statusCode(409);
        assertEquals(0, version(unpaid));
        assertEquals(1, allStateLogRows(unpaid));
        assertEquals(0, outboxRows(unpaid, "ORDER_REFUND_REQUESTED"));
        assertFalse(refundFlagged(unpaid));
    }

    @Test
    void onlyARefundOfTheWholePaymentFinishesTheOrderWithOneLogRowAndOneEvent() {
        String user = newUser();
        String paySn = "P-" + UUID.randomUUID();
        String sn = paidOrder(user, 3, 2, paySn).getString("orderSn");
        as(user).body(Map.of("reason", "ill")).when().post("/api/orders/" + sn + "/refund").then().statusCode(200);

        String partial = UUID.randomUUID().toString();
        sendPaymentEvent(sn, refundSucceeded(partial, sn, user, paySn, 12800, 12800, 25600));
        await().atMost(WAIT).until(() -> processed(partial));
        assertEquals("REFUNDING", state(user, sn));
        assertEquals(0, stateLogRows(sn, "REFUNDED"));
        assertEquals(0, outboxRows(sn, "ORDER_REFUNDED"));

        String rest = UUID.randomUUID().toString();
        sendPaymentEvent(sn, refundSucceeded(rest, sn, user, paySn, 12800, 25600, 25600));
        await().atMost(WAIT).until(() -> processed(rest));
        assertEquals("REFUNDED", column(sn, "state"));
        assertEquals(1, stateLogRows(sn, "REFUNDED"));
        assertEquals(1, outboxRows(sn, "ORDER_REFUNDED"));
    }

    @Test
    void anOperatorsPartialRefundOfAPaidOrderLeavesItUsable() {
        String user = newUser();
        String paySn = "P-" + UUID.randomUUID();
        String sn = paidOrder(user, 3, 1, paySn).getString("orderSn");
        String partial = UUID.randomUUID().toString();
        sendPaymentEvent(sn, refundSucceeded(partial, sn, user, paySn, 2800, 2800, 12800));
        await().atMost(WAIT).until(() -> processed(partial));
        assertEquals("WAIT_USE", column(sn, "state"));
        assertEquals(0, outboxRows(sn, "ORDER_REFUNDED"));
    }

    @Test
    void aRedeliveredOrReannouncedRefundHasNoSecondEffect() {
        String user = newUser();
        String paySn = "P-" + UUID.randomUUID();
        String sn = paidOrder(user, 6, 1, paySn).getString("orderSn");
        as(user).body(Map.of("reason", "r")).when().post("/api/orders/" + sn + "/refund").then().statusCode(200);

        String eventId = UUID.randomUUID().toString();
        String event = refundSucceeded(eventId, sn, user, paySn, 1, 1, 1);
        sendPaymentEvent(sn, event);
        sendPaymentEvent(sn, event);
        // The same refund announced again under a new event id (a replay by the payment service).
        String replay = UUID.randomUUID().toString();
        sendPaymentEvent(sn, refundSucceeded(replay, sn, user, paySn, 1, 1, 1));
        await().atMost(WAIT).until(() -> processed(replay));
        assertEquals("REFUNDED", column(sn, "state"));
        assertEquals(1, stateLogRows(sn, "REFUNDED"));
        assertEquals(1, outboxRows(sn, "ORDER_REFUNDED"));
    }

    private static String logged(String orderSn, String toState, String column) {
        return logColumn(orderSn, toState, column);
    }
}
