package com.paygate.notifier;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.testing.DevTokens;
import com.paygate.testing.SandboxResource;
import com.paygate.testing.TopicTail;
import com.paygate.testing.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier end to end, through its public surfaces only (so {@link NotifierFlowIT} runs it against the packaged
 * jar): real Kafka (order-events in, notifier-dlq out), real MariaDB, and the sandbox's WeChat
 * message API over HTTP. Every test uses its own order numbers and openids: other modules publish to the same topic.
 */
@QuarkusTest
@QuarkusTestResource(SandboxResource.class)
class NotifierFlowTest {

    /** Topics from where they stood when this test began. */
    private final TopicTail deadLetters = TopicTail.startingNow("notifier-dlq");

    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void clearFaults() {
        given().delete(sandbox() + "/sandbox/wxmsg/faults").then().statusCode(200);
    }

    @Test
    void paidOrderSendsOneSubscribeMessageWithTheRightFields() {
        Order order = Order.random("o-");
        publish(order.event(UUID.randomUUID().toString(), 123456L, "2026-11-24T13:05:00Z"));

        List<Map<String, Object>> messages = awaitMessages(order.orderSn, 1);
        JsonPath message = new JsonPath(toJson(messages.get(0)));
        assertEquals(order.openid, message.getString("touser"));
        // The sandbox mini-program's template, from the merchant config SandboxResource hands the application.
        assertEquals("sandbox-order-paid", message.getString("template_id"));
        assertEquals("pages/order/detail?orderSn=" + order.orderSn, message.getString("page"));
        assertEquals("developer", message.getString("miniprogram_state"));
        assertEquals("zh_CN", message.getString("lang"));
        assertEquals(order.orderSn, message.getString("data.character_string1"));
        assertEquals("精品咖啡兑换券", message.getString("data.thing2"));
        assertEquals("¥1234.56", message.getString("data.amount3"));
        assertEquals(order.redeemCode, message.getString("data.character_string4"));
        // 13:05 UTC is 21:05 in Asia/Shanghai.
        assertEquals("2026-11-24 21:05", message.getString("data.time5"));

        JsonPath log = awaitState(order, "SENT");
        assertEquals(1, log.getInt("[0].attempts"));
        assertEquals("wechat", log.getString("[0].channel"));
        assertEquals("ORDER_PAID", log.getString("[0].eventType"));
        assertNotNull(log.getString("[0].sentAt"));
        assertNull(log.getString("[0].lastError"));

        // Another user sees nothing of this order; without a token the API refuses.
        given().header("Authorization", DevTokens.bearer(DevTokens.user("someone-else-" + UUID.randomUUID())))
                .queryParam("orderSn", order.orderSn).get("/api/notifications")
                .then().statusCode(200).body("", hasSize(0));
        given().queryParam("orderSn", order.orderSn).get("/api/notifications").then().statusCode(401);
        given().header("Authorization", DevTokens.bearer(DevTokens.forAudience(order.userId, "another-platform")))
                .queryParam("orderSn", order.orderSn).get("/api/notifications").then().statusCode(401);
        for (String token : List.of(DevTokens.signedByAnotherKey(order.userId), DevTokens.expired(order.userId),
                DevTokens.fromIssuer(order.userId, "https://someone-else.example"))) {
            given().header("Authorization", DevTokens.bearer(token)).queryParam("orderSn", order.orderSn)
                    .get("/api/notifications").then().statusCode(401);
        }
        given().header("Authorization", DevTokens.bearer(DevTokens.user(order.userId))).get("/api/notifications")
                .then().statusCode(400).body("errors[0].field", equalTo("orderSn"));
    }

    @Test
    void refundedOrderTellsTheUserWhatCameBack() {
        Order order = Order.random("o-");
        publish(order.event(UUID.randomUUID().toString(), 20000L, "2026-11-24T08:00:00Z"));
        awaitMessages(order.orderSn, 1);
        Map<String, Object> refunded = laterEvent(order, "ORDER_REFUNDED", "精品咖啡兑换券", 20000L);
        refunded.put("refundAmountFen", 20000L);
        publish(toJson(refunded));

        List<Map<String, Object>> sent = awaitMessages(order.orderSn, 2);
        JsonPath refund = new JsonPath(toJson(sent.get(1)));
        assertEquals("sandbox-order-refunded", refund.getString("template_id"));
        assertEquals("¥200.00", refund.getString("data.amount3"));
        assertEquals("2026-11-24 17:30", refund.getString("data.time4"), "refund time in China time");
        JsonPath log = logOf(order);
        assertEquals(2, log.getList("").size());
        assertTrue(log.getList("eventType").contains("ORDER_REFUNDED"), log.prettify());
    }

    @Test
    void aRefusedRefundTellsTheUserTheOrderIsStillTheirs() {
        Order order = Order.random("o-");
        publish(order.event(UUID.randomUUID().toString(), 12800L, "2026-11-24T08:00:00Z"));
        awaitMessages(order.orderSn, 1);
        publish(toJson(laterEvent(order, "ORDER_REFUND_FAILED", "Beginner pottery course", 12800L)));

        List<Map<String, Object>> sent = awaitMessages(order.orderSn, 2);
        JsonPath message = new JsonPath(toJson(sent.get(1)));
        assertEquals("sandbox-order-refund-failed", message.getString("template_id"));
        assertEquals(order.openid, message.getString("touser"));
        assertEquals("¥128.00", message.getString("data.amount3"));
        assertEquals("退款未成功，订单仍可使用", message.getString("data.thing4"));
        JsonPath log = logOf(order);
        assertTrue(log.getList("eventType").contains("ORDER_REFUND_FAILED"), log.prettify());
    }

    /** An order event after the payment, at 2026-11-24T09:30:00Z, as the order service writes it. */
    private static Map<String, Object> laterEvent(Order order, String type, String title, long amountFen) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", type);
        event.put("occurredAt", "2026-11-24T09:30:00Z");
        event.put("orderSn", order.orderSn);
        event.put("userId", order.userId);
        event.put("openid", order.openid);
        event.put("title", title);
        event.put("amountFen", amountFen);
        return event;
    }

    @Test
    void redeliveredEventIsNotSentTwice() throws Exception {
        Order order = Order.random("o-");
        String event = order.event(UUID.randomUUID().toString(), 990L, "2026-11-24T01:00:00Z");
        publish(event);
        publish(event);
        awaitState(order, "SENT");
        publish(event);
        // A later, independent event in the same partition proves the duplicates were consumed before it.
        Order marker = new Order(Order.random("o-").orderSn, order.userId, order.openid, "R" + System.nanoTime());
        Topics.send("order-events", order.orderSn, marker.event(UUID.randomUUID().toString(), 1L, "2026-11-24T01:00:00Z"));
        awaitMessages(marker.orderSn, 1);
        assertEquals(1, messages(order.orderSn).size());
        assertEquals(1, logOf(order).getList("").size());
    }

    @Test
    void transientFailuresRetryThenDeadLetter() throws Exception {
        Order order = Order.random("o-");
        failSendsTo(order, 100_000);
        String eventId = UUID.randomUUID().toString();
        publish(order.event(eventId, 777L, "2026-11-24T04:00:00Z"));

        List<ConsumerRecord<String, String>> dead = deadLetters.settled(order.orderSn, found -> !found.isEmpty(),
                Duration.ofSeconds(60));
        assertEquals(1, dead.size(), "dead-lettered once");
        JsonNode letter = JSON.readTree(dead.get(0).value());
        assertEquals("NOTIFICATION_DEAD_LETTER", letter.get("type").asText());
        assertEquals(order.orderSn, letter.get("orderSn").asText());
        assertEquals(eventId, letter.get("originalEventId").asText());
        assertEquals(eventId, letter.get("originalEvent").get("eventId").asText());
        assertEquals(777L, letter.get("originalEvent").get("amountFen").asLong());
        assertEquals(3, letter.get("attempts").asInt());
        assertTrue(letter.get("lastError").asText().contains("errcode -1"), letter.toString());

        JsonPath log = awaitState(order, "FAILED");
        assertEquals(3, log.getInt("[0].attempts"));
        assertTrue(log.getString("[0].lastError").contains("system error"));
        assertEquals(0, messages(order.orderSn).size());
    }

    @Test
    void transientFailureIsRetriedWithBackoffThenSent() {
        Order order = Order.random("o-");
        failSendsTo(order, 2);
        publish(order.event(UUID.randomUUID().toString(), 250L, "2026-11-24T04:30:00Z"));
        JsonPath log = awaitState(order, "SENT");
        assertEquals(3, log.getInt("[0].attempts"));
        assertNull(log.getString("[0].lastError"));
        assertEquals(1, messages(order.orderSn).size());
    }

    @Test
    void permanentErrorsAreRejectedWithoutRetry() {
        Order refused = Order.random("refused-");
        Order bad = Order.random("bad-");
        publish(refused.event(UUID.randomUUID().toString(), 100L, "2026-11-24T05:00:00Z"));
        publish(bad.event(UUID.randomUUID().toString(), 100L, "2026-11-24T05:00:00Z"));

        JsonPath refusedLog = awaitState(refused, "REJECTED");
        assertTrue(refusedLog.getString("[0].lastError").contains("43101"));
        JsonPath badLog = awaitState(bad, "REJECTED");
        assertTrue(badLog.getString("[0].lastError").contains("40003"));

        // Several retry periods later nothing changed and nothing was dead-lettered (a rejection is no operator's job).
        List<ConsumerRecord<String, String>> dead = deadLetters.until(refused.orderSn, found -> !found.isEmpty(),
                Duration.ofSeconds(4));
        assertTrue(dead.isEmpty());
        assertEquals(1, logOf(refused).getInt("[0].attempts"));
        assertEquals("REJECTED", logOf(refused).getString("[0].state"));
    }

    @Test
    void userWithoutOpenidIsSkipped() {
        Order order = new Order("T" + System.nanoTime() + UUID.randomUUID().toString().substring(0, 6), "u-" + UUID.randomUUID(),
                null, "R" + System.nanoTime());
        publish(order.event(UUID.randomUUID().toString(), 100L, "2026-11-24T06:00:00Z"));
        JsonPath log = awaitState(order, "SKIPPED");
        assertEquals(0, log.getInt("[0].attempts"));
        assertNull(log.getString("[0].channel"));
        assertEquals(0, messages(order.orderSn).size());
    }

    @Test
    void malformedAndForeignMessagesDoNotBlockThePartition() {
        Order order = Order.random("o-");
        Topics.send("order-events", order.orderSn, "this is not json");
        Topics.send("order-events", order.orderSn, "{\"type\":\"ORDER_PAID\",\"orderSn\":\"" + order.orderSn + "\"}");
        Topics.send("order-events", order.orderSn, "{\"type\":\"ORDER_CANCELLED\",\"eventId\":\"" + UUID.randomUUID()
                + "\",\"orderSn\":\"" + order.orderSn + "\"}");
        Topics.send("order-events", order.orderSn, "[1,2,3]");
        publish(order.event(UUID.randomUUID().toString(), 100L, "2026-11-24T07:00:00Z"));
        awaitState(order, "SENT");
        assertEquals(1, logOf(order).getList("").size());
    }

    @Test
    void anEventOfOursWithAFieldMissingIsDeadLetteredWithItsReasonAndThePartitionMovesOn() {
        Order order = Order.random("o-");
        TopicTail orderEventsDlq = TopicTail.startingNow("order-events-dlq");
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> withoutUser = new LinkedHashMap<>(Map.of("eventId", eventId, "type", "ORDER_PAID",
                "occurredAt", "2026-11-24T08:00:00Z", "orderSn", order.orderSn, "title", "t", "amountFen", 100,
                "redeemCode", order.redeemCode));
        Topics.send("order-events", order.orderSn, toJson(withoutUser));
        publish(order.event(UUID.randomUUID().toString(), 100L, "2026-11-24T08:00:01Z"));

        ConsumerRecord<String, String> dead = orderEventsDlq.until(order.orderSn,
                found -> found.stream().anyMatch(r -> r.value().contains(eventId)), Duration.ofSeconds(30)).stream()
                .filter(r -> r.value().contains(eventId)).findFirst().orElseThrow();
        String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(reason.contains("userId"), reason);
        awaitState(order, "SENT");
        assertEquals(1, logOf(order).getList("").size(), "the valid event behind it was applied, the poison one not");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    record Order(String orderSn, String userId, String openid, String redeemCode) {

        static Order random(String openidPrefix) {
            return new Order("T" + System.nanoTime() + UUID.randomUUID().toString().substring(0, 6), "u-" + UUID.randomUUID(),
                    openidPrefix + UUID.randomUUID(), "R" + System.nanoTime());
        }

        String event(String eventId, long amountFen, String paidAt) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("eventId", eventId);
            event.put("type", "ORDER_PAID");
            event.put("occurredAt", paidAt);
            event.put("orderSn", orderSn);
            event.put("userId", userId);
            event.put("openid", openid);
            event.put("title", "精品咖啡兑换券");
            event.put("amountFen", amountFen);
            event.put("redeemCode", redeemCode);
            event.put("paidAt", paidAt);
            event.put("paySn", "P" + System.nanoTime());
            return toJson(event);
        }
    }

    private void publish(String event) {
        try {
            Topics.send("order-events", JSON.readTree(event).get("orderSn").asText(), event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void publishEvent(String event) {
        new NotifierFlowTest().publish(event);
    }

    /** The next n sends to this order's openid answer errcode -1; other traffic on the shared topic is unaffected. */
    static void failSendsTo(Order order, int n) {
        given().contentType(ContentType.JSON).body(Map.of("failNextSends", n, "touser", order.openid))
                .post(sandbox() + "/sandbox/wxmsg/faults").then().statusCode(200);
    }

    static String sandbox() {
        return SandboxResource.url();
    }

    static JsonPath stats() {
        return given().get(sandbox() + "/sandbox/wxmsg/stats").then().statusCode(200).extract().jsonPath();
    }

    static List<Map<String, Object>> messages(String orderSn) {
        return given().queryParam("orderSn", orderSn).get(sandbox() + "/sandbox/messages")
                .then().statusCode(200).extract().jsonPath().getList("");
    }

    static List<Map<String, Object>> awaitMessages(String orderSn, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> messages(orderSn).size() >= count);
        return messages(orderSn);
    }

    static JsonPath logOf(Order order) {
        return given().header("Authorization", DevTokens.bearer(DevTokens.user(order.userId)))
                .queryParam("orderSn", order.orderSn).get("/api/notifications")
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath awaitState(Order order, String state) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> state.equals(logOf(order).getString("[0].state")));
        JsonPath log = logOf(order);
        assertEquals(1, log.getList("").size());
        assertFalse(log.getString("[0].eventId").isBlank());
        return log;
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
