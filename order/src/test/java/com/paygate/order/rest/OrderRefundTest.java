package com.paygate.order.rest;

import static com.paygate.order.OrderTestSupport.bearer;
import static com.paygate.order.OrderTestSupport.createOrder;
import static com.paygate.order.OrderTestSupport.getOrder;
import static com.paygate.order.OrderTestSupport.newUser;
import static com.paygate.order.OrderTestSupport.orderEvents;
import static com.paygate.order.OrderTestSupport.orderEventsFromNow;
import static com.paygate.order.OrderTestSupport.orderEventsOfType;
import static com.paygate.order.OrderTestSupport.paidOrder;
import static com.paygate.order.OrderTestSupport.refundFailed;
import static com.paygate.order.OrderTestSupport.refundSucceeded;
import static com.paygate.order.OrderTestSupport.sendPaymentEvent;
import static com.paygate.order.OrderTestSupport.state;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.paygate.testing.TopicTail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Refunds over HTTP and Kafka only (no beans, no database), so {@link OrderRefundIT} runs it against the packaged
 * jar: the owner's request, every refusal, ORDER_REFUND_REQUESTED, and REFUND_SUCCEEDED -> REFUNDED + ORDER_REFUNDED.
 * The rows behind it are checked in {@link OrderRecordsTest}.
 */
@QuarkusTest
class OrderRefundTest {

    /** order-events from where it stood when this test began. */
    private final TopicTail orderTopic = orderEventsFromNow();

    private static final Duration WAIT = Duration.ofSeconds(40);

    private static RequestSpecification as(String userId) {
        return given().header("Authorization", bearer(userId)).contentType(ContentType.JSON);
    }

    private static io.restassured.response.ValidatableResponse refund(String userId, String orderSn, Object body) {
        return as(userId).body(body).when().post("/api/orders/" + orderSn + "/refund").then();
    }

    @Test
    void ownerRefundsAPaidOrderWhichBecomesRefundingAndIsAnnounced() {
        String user = newUser();
        String paySn = "P-" + UUID.randomUUID();
        JsonPath paid = paidOrder(user, 4, 2, paySn);
        String sn = paid.getString("orderSn");

        refund(user, sn, Map.of("reason", "plans changed")).statusCode(200)
                .contentType(ContentType.JSON)
                .body("orderSn", equalTo(sn))
                .body("state", equalTo("REFUNDING"))
                .body("amountFen", equalTo(2 * 29900))
                .body("paySn", equalTo(paySn))
                .body("refundFlag", equalTo(true))
                .body("refundReason", equalTo("USER_REQUEST: plans changed"));
        assertEquals("REFUNDING", state(user, sn));

        List<JsonPath> requested = orderEventsOfType(orderTopic, sn, "ORDER_REFUND_REQUESTED", WAIT);
        assertEquals(1, requested.size());
        JsonPath e = requested.get(0);
        assertEquals(Set.of("eventId", "type", "occurredAt", "orderSn", "userId", "paySn", "amountFen", "reason"),
                e.getMap("").keySet());
        assertEquals("ORDER_REFUND_REQUESTED", e.getString("type"));
        assertEquals(sn, e.getString("orderSn"));
        assertEquals(user, e.getString("userId"));
        assertEquals(paySn, e.getString("paySn"));
        assertEquals(2 * 29900L, e.getLong("amountFen"));
        assertEquals("USER_REQUEST: plans changed", e.getString("reason"));
        assertNotNull(UUID.fromString(e.getString("eventId")));
        assertNotNull(Instant.parse(e.getString("occurredAt")));
    }

    @Test
    void aRepeatedRequestIs409AndPublishesNoSecondEvent() {
        String user = newUser();
        String paySn = "P-" + UUID.randomUUID();
        String sn = paidOrder(user, 6, 1, paySn).getString("orderSn");
        refund(user, sn, Map.of("reason", "first")).statusCode(200);
        refund(user, sn, Map.of("reason", "second")).statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("ILLEGAL_STATE_TRANSITION"));
        assertEquals("USER_REQUEST: first", getOrder(user, sn).getString("refundReason"));

        // The relay publishes in outbox order: once the ORDER_REFUNDED written after the 409 is on the topic, a
        // second ORDER_REFUND_REQUESTED (had the 409 written one) would be there before it.
        sendPaymentEvent(sn, refundSucceeded(UUID.randomUUID().toString(), sn, user, paySn, 1, 1, 1));
        List<JsonPath> events = orderEvents(orderTopic, sn, "ORDER_REFUNDED", WAIT);
        assertEquals(List.of("ORDER_PAID", "ORDER_REFUND_REQUESTED", "ORDER_REFUNDED"),
                events.stream().map(e -> e.getString("type")).toList());
        assertEquals("USER_REQUEST: first", events.get(1).getString("reason"));
    }

    @Test
    void refundSucceededForTheWholePaymentMakesTheOrderRefundedAndAnnouncesIt() {
        String user = newUser();
        String paySn = "P-" + UUID.randomUUID();
        String sn = paidOrder(user, 3, 2, paySn).getString("orderSn");
        refund(user, sn, Map.of("reason", "ill")).statusCode(200);

        sendPaymentEvent(sn, refundSucceeded(UUID.randomUUID().toString(), sn, user, paySn, 25600, 25600, 25600));
        await().atMost(WAIT).until(() -> state(user, sn).equals("REFUNDED"));

        List<JsonPath> refunded = orderEventsOfType(orderTopic, sn, "ORDER_REFUNDED", WAIT);
        assertEquals(1, refunded.size());
        JsonPath e = refunded.get(0);
        assertEquals(Set.of("eventId", "type", "occurredAt", "orderSn", "userId", "openid", "title", "amountFen",
                "refundAmountFen"), e.getMap("").keySet());
        assertEquals(sn, e.getString("orderSn"));
        assertEquals(user, e.getString("userId"));
        assertEquals("openid-" + user, e.getString("openid"));
        assertEquals("Beginner pottery course", e.getString("title"));
        assertEquals(25600L, e.getLong("amountFen"));
        assertEquals(25600L, e.getLong("refundAmountFen"));

        // REFUNDED is final: no further refund request.
        refund(user, sn, Map.of("reason", "again")).statusCode(409);
    }

    @Test
    void aRefundTheProviderRefusesGivesTheOwnerThePaidOrderBack() {
        String user = newUser();
        String paySn = "P-" + UUID.randomUUID();
        JsonPath paid = paidOrder(user, 3, 1, paySn);
        String sn = paid.getString("orderSn");
        refund(user, sn, Map.of("reason", "ill")).statusCode(200).body("state", equalTo("REFUNDING"));

        sendPaymentEvent(sn, refundFailed(UUID.randomUUID().toString(), sn, user, paySn, 12800, 12800));
        await().atMost(WAIT).until(() -> state(user, sn).equals("WAIT_USE"));
        JsonPath back = getOrder(user, sn);
        assertNull(back.get("refundFlag"), "no longer flagged");
        assertNull(back.get("refundReason"));
        assertEquals(paid.getString("redeemCode"), back.getString("redeemCode"), "still usable with the same code");
        assertEquals(paySn, back.getString("paySn"));
        // ... and the owner is told (the notifier turns this into a message)
        List<JsonPath> failed = orderEventsOfType(orderTopic, sn, "ORDER_REFUND_FAILED", WAIT);
        assertEquals(1, failed.size());
        assertEquals(Set.of("eventId", "type", "occurredAt", "orderSn", "userId", "openid", "title", "amountFen"),
                failed.get(0).getMap("").keySet());
        assertEquals("openid-" + user, failed.get(0).getString("openid"));
        assertEquals(12800L, failed.get(0).getLong("amountFen"));

        // The owner may ask again: a second request, a second event.
        refund(user, sn, Map.of("reason", "still ill")).statusCode(200).body("state", equalTo("REFUNDING"));
        assertEquals(2, orderTopic.until(sn, found -> TopicTail.ofType(found, "ORDER_REFUND_REQUESTED") == 2, WAIT).stream()
                .filter(r -> r.value().contains("ORDER_REFUND_REQUESTED")).count());
    }

    @Test
    void partialRefundsKeepTheOrderRefundingUntilTheyAddUpToThePayment() {
        String user = newUser();
        String paySn = "P-" + UUID.randomUUID();
        String sn = paidOrder(user, 3, 2, paySn).getString("orderSn");
        refund(user, sn, Map.of("reason", "ill")).statusCode(200);

        sendPaymentEvent(sn, refundSucceeded(UUID.randomUUID().toString(), sn, user, paySn, 10000, 10000, 25600));
        sendPaymentEvent(sn, refundSucceeded(UUID.randomUUID().toString(), sn, user, paySn, 15600, 25600, 25600));
        await().atMost(WAIT).until(() -> state(user, sn).equals("REFUNDED"));
        // Only the refund that completed the payment finished the order (a partial one would have announced 10000).
        List<JsonPath> refunded = orderEventsOfType(orderTopic, sn, "ORDER_REFUNDED", WAIT);
        assertEquals(1, refunded.size());
        assertEquals(25600L, refunded.get(0).getLong("refundAmountFen"));
    }

    @Test
    void anOperatorsRefundOfAPaidOrderFinishesItOnceWholeAndItCanNoLongerBeRedeemed() {
        String user = newUser();
        String paySn = "P-" + UUID.randomUUID();
        JsonPath paid = paidOrder(user, 3, 1, paySn);
        String sn = paid.getString("orderSn");

        // No request from the owner (the admin API refunds directly): a partial refund leaves the order usable,
        // the one that completes the payment finishes it.
        sendPaymentEvent(sn, refundSucceeded(UUID.randomUUID().toString(), sn, user, paySn, 2800, 2800, 12800));
        sendPaymentEvent(sn, refundSucceeded(UUID.randomUUID().toString(), sn, user, paySn, 10000, 12800, 12800));
        await().atMost(WAIT).until(() -> state(user, sn).equals("REFUNDED"));
        List<JsonPath> refunded = orderEventsOfType(orderTopic, sn, "ORDER_REFUNDED", WAIT);
        assertEquals(1, refunded.size());
        assertEquals(12800L, refunded.get(0).getLong("refundAmountFen"));
        as(user).body(Map.of("redeemCode", paid.getString("redeemCode"))).when()
                .post("/api/orders/" + sn + "/redeem").then().statusCode(409);
    }

    @Test
    void invalidBodiesAnswer400NamingTheReason() {
        String user = newUser();
        String sn = createOrder(user, 6, 1).getString("orderSn");
        for (Object body : List.of(Map.of(), Map.of("reason", ""), Map.of("reason", "   "),
                Map.of("reason", "x".repeat(201)), Map.of("other", "x"))) {
            refund(user, sn, body).statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("errors.field", hasItem("reason"));
        }
        as(user).body("{\"reason\": ").when().post("/api/orders/" + sn + "/refund")
                .then().statusCode(400).contentType("application/problem+json");
        as(user).when().post("/api/orders/" + sn + "/refund")
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals("WAIT_PAY", state(user, sn));
    }

    @Test
    void aReasonOf200CharactersIsAccepted() {
        String user = newUser();
        String sn = paidOrder(user, 6, 1, "P-" + UUID.randomUUID()).getString("orderSn");
        refund(user, sn, Map.of("reason", "y".repeat(200))).statusCode(200)
                .body("refundReason", equalTo("USER_REQUEST: " + "y".repeat(200)));
    }

    @Test
    void onlyAPaidUnusedOrderCanBeRefunded() {
        String user = newUser();
        String unpaid = createOrder(user, 6, 1).getString("orderSn");
        refund(user, unpaid, Map.of("reason", "r")).statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("ILLEGAL_STATE_TRANSITION"));
        assertEquals("WAIT_PAY", state(user, unpaid));

        String cancelled = createOrder(user, 6, 1).getString("orderSn");
        as(user).when().post("/api/orders/" + cancelled + "/cancel").then().statusCode(200);
        refund(user, cancelled, Map.of("reason", "r")).statusCode(409);
        assertEquals("CANCELLED", state(user, cancelled));

        JsonPath paid = paidOrder(user, 6, 1, "P-" + UUID.randomUUID());
        String used = paid.getString("orderSn");
        as(user).body(Map.of("redeemCode", paid.getString("redeemCode"))).when()
                .post("/api/orders/" + used + "/redeem").then().statusCode(200);
        refund(user, used, Map.of("reason", "r")).statusCode(409).body("code", equalTo("ILLEGAL_STATE_TRANSITION"));
        assertEquals("USED", state(user, used));
    }

    @Test
    void anotherUsersOrderIsNotFoundAndUntouchedAndATokenIsNeeded() {
        String owner = newUser();
        String sn = paidOrder(owner, 6, 1, "P-" + UUID.randomUUID()).getString("orderSn");

        refund(newUser(), sn, Map.of("reason", "mine now")).statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("ORDER_NOT_FOUND"));
        refund(owner, "does-not-exist", Map.of("reason", "r")).statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("reason", "r"))
                .when().post("/api/orders/" + sn + "/refund").then().statusCode(401);
        assertEquals("WAIT_USE", state(owner, sn));
    }
}
