package com.paygate.order.rest;

import static com.paygate.order.OrderTestSupport.bearer;
import static com.paygate.order.OrderTestSupport.createOrder;
import static com.paygate.order.OrderTestSupport.newUser;
import static com.paygate.order.OrderTestSupport.orderEventsFromNow;
import static com.paygate.order.OrderTestSupport.orderEventsOfType;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.order.OrderTestSupport;
import com.paygate.testing.TopicTail;
import com.paygate.testing.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The orders API over HTTP (and Kafka) only, so {@link OrderResourceIT} runs it against the packaged jar; what the
 * calls write to the database is checked in {@link OrderRecordsTest}.
 */
@QuarkusTest
class OrderResourceTest {

    /** order-events from where it stood when this test began. */
    private final TopicTail orderTopic = orderEventsFromNow();

    private static RequestSpecification as(String userId) {
        return given().header("Authorization", bearer(userId)).contentType(ContentType.JSON);
    }

    @Test
    void createPricesTheOrderFromTheCatalogAndStoresTheOpenid() {
        String user = newUser();
        Instant before = Instant.now().minusSeconds(1);
        JsonPath order = as(user).body(Map.of("productId", 2, "quantity", 3, "remark", "late check-in"))
                .when().post("/api/orders")
                .then().statusCode(201)
                .body("orderSn", matchesPattern("\\d{1,19}"))
                .body("state", equalTo("WAIT_PAY"))
                .body("productId", equalTo(2))
                .body("title", equalTo("Mountain cabin homestay, one night"))
                .body("quantity", equalTo(3))
                .body("amountFen", equalTo(3 * 58800))
                .body("paidAt", nullValue())
                .body("redeemCode", nullValue())
                .extract().jsonPath();
        Instant created = Instant.parse(order.getString("createdAt"));
        Instant expires = Instant.parse(order.getString("expireAt"));
        assertTrue(created.isAfter(before));
        assertEquals(Duration.ofMinutes(30), Duration.between(created, expires));
        String sn = order.getString("orderSn");

        as(user).when().get("/api/orders/" + sn).then().statusCode(200)
                .body("orderSn", equalTo(sn))
                .body("userId", equalTo(user))
                .body("amountFen", equalTo(176400))
                .body("createdAt", equalTo(order.getString("createdAt")))
                .body("expireAt", equalTo(order.getString("expireAt")))
                .body("remark", equalTo("late check-in"));
    }

    @Test
    void locationHeaderNamesTheNewOrder() {
        String user = newUser();
        var response = as(user).body(Map.of("productId", 6, "quantity", 1)).when().post("/api/orders")
                .then().statusCode(201).extract();
        assertTrue(response.header("Location").endsWith("/api/orders/" + response.path("orderSn")));
    }

    @Test
    void tokenWithoutOpenidStillOrders() {
        given().header("Authorization", com.paygate.testing.DevTokens.bearer(com.paygate.testing.DevTokens.user(newUser())))
                .contentType(ContentType.JSON).body(Map.of("productId", 5, "quantity", 1))
                .when().post("/api/orders").then().statusCode(201).body("state", equalTo("WAIT_PAY"));
    }

    @Test
    void invalidBodiesAnswer400NamingTheField() throws Exception {
        String user = newUser();
        expect400(as(user).body(Map.of("productId", 1, "quantity", 0)), "quantity");
        expect400(as(user).body(Map.of("productId", 1, "quantity", 100)), "quantity");
        expect400(as(user).body(Map.of("quantity", 1)), "productId");
        expect400(as(user).body(Map.of("productId", 1)), "quantity");
        expect400(as(user).body(Map.of("productId", 1, "quantity", 1, "remark", "x".repeat(201))), "remark");
        expect400(as(user).body("{\"productId\": 1, \"quantity\": \"many\"}"), "quantity");
        as(user).body("{\"productId\": 1, ").when().post("/api/orders")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_BODY")).body("detail", equalTo("Malformed JSON body"));
        // a fraction is refused, not truncated (1.5 used to order one); an out-of-range number names its field
        expect400(as(user).body("{\"productId\": 1, \"quantity\": 1.5}"), "quantity");
        expect400(as(user).body("{\"productId\": 1, \"quantity\": 1e30}"), "quantity");
        expect400(as(user).body("{\"productId\": 99999999999999999999, \"quantity\": 1}"), "productId");
        // a field named twice is refused, not read as its last value (this ordered two)
        as(user).body("{\"productId\": 1, \"quantity\": 1, \"quantity\": 2}").when().post("/api/orders")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("MALFORMED_BODY"));
        as(user).when().post("/api/orders")
                .then().statusCode(400).contentType("application/problem+json");
        // a body over the size limit is a 413 problem (it used to be an empty 413 without a content type)
        as(user).body("{\"productId\": 1, \"quantity\": 1, \"remark\": \"" + "x".repeat(11 * 1024 * 1024) + "\"}")
                .when().post("/api/orders")
                .then().statusCode(413).contentType("application/problem+json").body("code", equalTo("BODY_TOO_LARGE"));
        // also when the body comes chunked, without a Content-Length to refuse it by (Quarkus' reader answers
        // this one itself, with a bare 413, before any of our code can)
        String orderCountBefore = as(user).when().get("/api/orders").then().statusCode(200).extract().asString();
        HttpResponse<String> chunked = postChunked(user, "{\"productId\": 1, \"quantity\": 1, \"remark\": \""
                + "x".repeat(11 * 1024 * 1024) + "\"}");
        assertEquals(413, chunked.statusCode());
        assertEquals(orderCountBefore, as(user).when().get("/api/orders").then().statusCode(200).extract().asString(),
                "nothing was written");
        // remark of exactly 200 characters is fine
        as(user).body(Map.of("productId", 1, "quantity", 99, "remark", "x".repeat(200))).when().post("/api/orders")
                .then().statusCode(201).body("amountFen", equalTo(99 * 39900));
    }

    /** A POST whose body length is not declared: java.net.http sends a stream of unknown length chunked. */
    private static HttpResponse<String> postChunked(String user, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/orders"))
                .header("Authorization", bearer(user))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void expect400(RequestSpecification request, String field) {
        request.when().post("/api/orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field));
    }

    @Test
    void unknownProductIs404() {
        as(newUser()).body(Map.of("productId", 987654, "quantity", 1)).when().post("/api/orders")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("PRODUCT_NOT_FOUND"));
    }

    @Test
    void ordersNeedAToken() {
        given().contentType(ContentType.JSON).body(Map.of("productId", 1, "quantity", 1))
                .when().post("/api/orders").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/orders").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-jwt").when().get("/api/orders").then().statusCode(401);
        // Signed by our issuer, but minted for another audience, or for none.
        given().header("Authorization", DevTokens.bearer(DevTokens.forAudience(newUser(), "another-platform")))
                .when().get("/api/orders").then().statusCode(401);
        given().header("Authorization", DevTokens.bearer(DevTokens.forAudience(newUser(), null)))
                .when().get("/api/orders").then().statusCode(401);
        // Signed by a key we do not trust, expired, or from another issuer.
        String user = newUser();
        for (String token : List.of(DevTokens.signedByAnotherKey(user), DevTokens.expired(user),
                DevTokens.fromIssuer(user, "https://someone-else.example"))) {
            given().header("Authorization", DevTokens.bearer(token)).when().get("/api/orders")
                    .then().statusCode(401).contentType("application/problem+json");
        }
        // The same user with a good token, so the 401s above are about the tokens alone.
        given().header("Authorization", bearer(user)).when().get("/api/orders").then().statusCode(200);
    }

    @Test
    void adminEndpointsRefuseAUserToken() {
        String user = bearer(newUser());
        for (String path : List.of("/api/admin/dead-letters/payment-events-dlq")) {
            given().header("Authorization", user).when().get(path).then().statusCode(403).contentType("application/problem+json");
            given().header("Authorization", user).when().post(path + "/replay").then().statusCode(403);
            given().when().get(path).then().statusCode(401);
        }
    }

    @Test
    void anotherUsersOrderIsNotFoundAndUntouched() {
        String owner = newUser();
        String stranger = newUser();
        String sn = createOrder(owner, 1, 1).getString("orderSn");

        as(stranger).when().get("/api/orders/" + sn).then().statusCode(404).body("code", equalTo("ORDER_NOT_FOUND"));
        as(stranger).when().post("/api/orders/" + sn + "/cancel").then().statusCode(404);
        as(stranger).body(Map.of("redeemCode", "0000000000")).when().post("/api/orders/" + sn + "/redeem")
                .then().statusCode(404);
        as(stranger).when().get("/api/orders").then().statusCode(200).body("total", equalTo(0)).body("items", hasSize(0));

        as(owner).when().get("/api/orders/" + sn).then().statusCode(200).body("state", equalTo("WAIT_PAY"));
        as(owner).when().get("/api/orders/does-not-exist").then().statusCode(404);
    }

    @Test
    void listIsTheCallersOrdersNewestFirstPagedAndFiltered() {
        String user = newUser();
        List<String> sns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sns.add(createOrder(user, 5, 1).getString("orderSn"));
        }
        createOrder(newUser(), 5, 1); // someone else's
        as(user).when().post("/api/orders/" + sns.get(0) + "/cancel").then().statusCode(200);

        as(user).queryParam("size", 2).when().get("/api/orders").then().statusCode(200)
                .body("total", equalTo(5)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("items.orderSn", contains(sns.get(4), sns.get(3)));
        as(user).queryParam("size", 2).queryParam("page", 2).when().get("/api/orders").then().statusCode(200)
                .body("items.orderSn", contains(sns.get(0)));
        as(user).when().get("/api/orders").then().statusCode(200)
                .body("size", equalTo(20)).body("items", hasSize(5));
        as(user).queryParam("state", "CANCELLED").when().get("/api/orders").then().statusCode(200)
                .body("total", equalTo(1)).body("items.orderSn", contains(sns.get(0)));
        as(user).queryParam("state", "WAIT_PAY").when().get("/api/orders").then().statusCode(200)
                .body("total", equalTo(4));
    }

    @Test
    void badListParametersAnswer400() {
        String user = newUser();
        for (Map<String, Object> query : List.<Map<String, Object>>of(Map.of("state", "PAID_MAYBE"), Map.of("page", -1),
                Map.of("page", "x"), Map.of("size", 0), Map.of("size", 101), Map.of("size", "ten"),
                // page * size beyond an int row offset: was a 500 (Hibernate "First result cannot be negative")
                Map.of("page", Integer.MAX_VALUE / 20 + 1))) {
            as(user).queryParams(query).when().get("/api/orders")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.startsWith(query.keySet().iterator().next()));
        }
        as(user).queryParam("page", Integer.MAX_VALUE).queryParam("size", 100).when().get("/api/orders")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_QUERY_PARAMETER"))
                .body("detail", org.hamcrest.Matchers.startsWith("page"));
        // the last page whose offset still fits is an ordinary, empty page
        as(user).queryParam("page", Integer.MAX_VALUE / 100).queryParam("size", 100).when().get("/api/orders")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void cancelMovesWaitPayToCancelledOnceAndAnnouncesIt() {
        String user = newUser();
        String sn = createOrder(user, 3, 2).getString("orderSn");
        as(user).when().post("/api/orders/" + sn + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED")).body("orderSn", equalTo(sn));

        // Illegal from CANCELLED: 409 (that it changes nothing in the database: OrderRecordsTest).
        as(user).when().post("/api/orders/" + sn + "/cancel").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("ILLEGAL_STATE_TRANSITION"));
        as(user).body(Map.of("redeemCode", "1234567890")).when().post("/api/orders/" + sn + "/redeem")
                .then().statusCode(409);
        assertEquals("CANCELLED", OrderTestSupport.state(user, sn));

        List<JsonPath> cancelled = orderEventsOfType(orderTopic, sn, "ORDER_CANCELLED", Duration.ofSeconds(30));
        assertEquals(1, cancelled.size());
        assertEquals(user, cancelled.get(0).getString("userId"));
        assertEquals(2 * 12800, cancelled.get(0).getLong("amountFen"));
        assertTrue(cancelled.get(0).getString("eventId") != null);
    }

    @Test
    void redeemingAnUnpaidOrderIs409AndABlankCodeIs400() {
        String user = newUser();
        String sn = createOrder(user, 1, 1).getString("orderSn");
        as(user).body(Map.of("redeemCode", "1234567890")).when().post("/api/orders/" + sn + "/redeem")
                .then().statusCode(409).body("code", equalTo("ILLEGAL_STATE_TRANSITION"));
        as(user).body(Map.of("redeemCode", "")).when().post("/api/orders/" + sn + "/redeem")
                .then().statusCode(400).body("errors.field", hasItem("redeemCode"));
        as(user).body(Map.of("redeemCode", "1234567890")).when().post("/api/orders/" + sn + "/redeem")
                .then().statusCode(409);
        assertEquals("WAIT_PAY", OrderTestSupport.state(user, sn));
    }

    @Test
    void concurrentCreatesGetDistinctIncreasingOrderNumbers() throws Exception {
        String user = newUser();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                futures.add(pool.submit(() -> createOrder(user, 6, 1).getString("orderSn")));
            }
            Set<String> sns = new HashSet<>();
            for (Future<String> f : futures) {
                sns.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(40, sns.size());
        } finally {
            pool.shutdownNow();
        }
        String first = createOrder(user, 6, 1).getString("orderSn");
        String second = createOrder(user, 6, 1).getString("orderSn");
        assertTrue(Long.parseLong(second) > Long.parseLong(first));
        as(user).when().get("/api/orders").then().body("total", equalTo(42)).body("items[0].orderSn", notNullValue());
    }
}
