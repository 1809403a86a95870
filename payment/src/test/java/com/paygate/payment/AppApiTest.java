package com.paygate.payment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.client.CreatePayment;
import com.paygate.client.PaygateClient;
import com.paygate.client.PaygateException;
import com.paygate.client.Payment;
import com.paygate.client.Refund;
import com.paygate.client.RequestSigner;
import com.paygate.client.WebhookEvent;
import com.paygate.client.WebhookSignatureException;
import com.paygate.client.Webhooks;
import com.paygate.payment.support.Api;
import com.paygate.payment.support.Db;
import com.paygate.payment.support.Sandbox;
import com.paygate.payment.support.WebhookReceiver;
import com.paygate.testing.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A business line pays through the signed /api/apps API (with the client library, as an app would) and hears of
 * its payments and refunds by signed webhook, delivered at least once from an outbox with retries.
 */
@QuarkusTest
class AppApiTest {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private WebhookReceiver receiver;
    private String appId;
    private String secret;
    private PaygateClient client;

    @BeforeEach
    void newApp() throws Exception {
        receiver = new WebhookReceiver();
        appId = "courses-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath app = createApp(appId, receiver.url(), "WECHAT_NATIVE", "ALIPAY_QR");
        secret = app.getString("secret");
        client = client(appId, secret);
    }

    @AfterEach
    void stopReceiverAndItsWebhooks() {
        // Its deliveries would go on failing (and alerting) behind the next tests' backs.
        admin().contentType("application/json").body(Map.of("webhookEnabled", false)).patch("/api/admin/apps/" + appId)
                .then().statusCode(200);
        receiver.close();
    }

    @Test
    void anAppPaysAndRefundsItsOrderAndHearsOfEachChangeBySignedWebhook() {
        String bizOrderNo = Api.unique("C");
        CreatePayment request = CreatePayment.of(bizOrderNo, 19900, "Java course", "WECHAT_NATIVE")
                .withMetadata(Map.of("courseId", "java-101"));
        Payment created = client.createPayment(request);
        assertEquals("NOTPAY", created.state());
        assertEquals(bizOrderNo, created.bizOrderNo());
        assertEquals(appId, created.appId());
        assertTrue(String.valueOf(created.prepay().get("codeUrl")).startsWith("weixin://"), "a code to scan: " + created.prepay());
        assertEquals(created.paySn(), client.createPayment(request).paySn(), "the same order, amount and channel: the same payment");
        PaygateException otherAmount = assertThrows(PaygateException.class,
                () -> client.createPayment(CreatePayment.of(bizOrderNo, 100, "Java course", "WECHAT_NATIVE")));
        assertEquals(409, otherAmount.status());
        assertEquals("PAYMENT_IN_PROGRESS", otherAmount.code());

        Sandbox.pay(created.paySn());
        WebhookEvent paid = awaitEvent("payment.succeeded", created.paySn());
        assertEquals(bizOrderNo, paid.data().get("bizOrderNo").asText());
        assertEquals(19900, paid.data().get("amountFen").asLong());
        assertEquals("java-101", paid.data().get("metadata").get("courseId").asText());
        assertEquals("SUCCESS", client.getPayment(created.paySn()).state());
        assertTrue(Db.outbox(bizOrderNo).isEmpty(), "an app's payment is not the order service's business (no Kafka event)");

        Refund refund = client.refund(created.paySn(), 5000, "dropped out", "refund-1");
        assertEquals(refund.refundSn(), client.refund(created.paySn(), 5000, "dropped out", "refund-1").refundSn(),
                "the same Idempotency-Key: the same refund");
        WebhookEvent refunded = awaitEvent("refund.succeeded", refund.refundSn());
        assertEquals(5000, refunded.data().get("amountFen").asLong());
        assertEquals(5000, refunded.data().get("refundedTotalFen").asLong());
        assertEquals(List.of("SUCCESS"), client.refunds(created.paySn()).stream().map(Refund::state).toList());
        PaygateException tooMuch = assertThrows(PaygateException.class,
                () -> client.refund(created.paySn(), 15000, "more than is left", "refund-2"));
        assertEquals("REFUND_EXCEEDS_PAID", tooMuch.code());
        raw("POST", "/api/apps/payments/" + created.paySn() + "/refunds", "{\"amountFen\":100}", secret, null).then()
                .statusCode(400).body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));

        List<com.paygate.client.WebhookDelivery> log = client.webhookDeliveries();
        assertEquals(List.of("refund.succeeded", "payment.succeeded"), log.stream().map(com.paygate.client.WebhookDelivery::type).toList());
        assertTrue(log.stream().allMatch(d -> "DELIVERED".equals(d.state()) && d.attemptLog().size() == 1
                && d.attemptLog().get(0).status() == 200));
    }

    @Test
    void anAppWhoseSecretCannotBeOpenedHoldsBackOnlyItsOwnWebhooks() throws Exception {
        WebhookReceiver otherReceiver = new WebhookReceiver();
        String broken = "broken-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            PaygateClient brokenClient = client(broken, createApp(broken, otherReceiver.url(), "WECHAT_NATIVE").getString("secret"));
            Payment brokenPayment = brokenClient.createPayment(CreatePayment.of(Api.unique("C"), 100, "x", "WECHAT_NATIVE"));
            // Sealed under another key (as by an environment whose PAYMENT_APPS_SECRET_KEY changed): it cannot be opened.
            Db.sql("UPDATE app_secret SET sealed = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='"
                    + " WHERE app_id = '" + broken + "'");
            Payment created = client.createPayment(CreatePayment.of(Api.unique("C"), 200, "x", "WECHAT_NATIVE"));
            Sandbox.pay(brokenPayment.paySn());
            Sandbox.pay(created.paySn());
            awaitEvent("payment.succeeded", created.paySn());
            assertTrue(otherReceiver.accepted().isEmpty(), "nothing signed for the app whose secret is unreadable");
        } finally {
            admin().contentType("application/json").body(Map.of("webhookEnabled", false)).patch("/api/admin/apps/" + broken)
                    .then().statusCode(200);
            otherReceiver.close();
        }
    }

    @Test
    void anAppClosesItsUnpaidPaymentAndHearsOfIt() {
        Payment created = client.createPayment(CreatePayment.of(Api.unique("C"), 500, "Trial lesson", "ALIPAY_QR"));
        assertEquals("CLOSED", client.closePayment(created.paySn()).state());
        awaitEvent("payment.closed", created.paySn());
        assertEquals("CLOSED", client.closePayment(created.paySn()).state(), "closing twice answers the closed payment");
        PaygateException notAllowed = assertThrows(PaygateException.class,
                () -> client.createPayment(CreatePayment.of(Api.unique("C"), 500, "Trial lesson", "WECHAT_H5")));
        assertEquals(422, notAllowed.status());
        assertEquals("CHANNEL_NOT_ALLOWED", notAllowed.code());
    }

    @Test
    void moneyTakenAfterTheAppsPaymentWasClosedIsAnnouncedAsALateSuccess() {
        Payment created = client.createPayment(CreatePayment.of(Api.unique("C"), 700, "x", "WECHAT_NATIVE"));
        // Our close raced the payer: closed here, paid at WeChat.
        Db.update("state = ?1 where paySn = ?2", com.paygate.payment.domain.PaymentState.CLOSED, created.paySn());
        Sandbox.pay(created.paySn());
        WebhookEvent late = awaitEvent("payment.succeeded", created.paySn());
        assertTrue(late.data().get("paidAfterClose").asBoolean(), "the app learns it was paid after close: " + late.data());
        assertEquals("SUCCESS", client.getPayment(created.paySn()).state());
    }

    @Test
    void anAppWhosePayersAreInTheMiniProgramPaysJsapiWithThatAppid() throws Exception {
        String miniApp = "mini-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath app = admin().contentType("application/json").body(Map.of("appId", miniApp, "name", "Mini-program shop",
                "webhookUrl", receiver.url(), "channels", List.of("WECHAT_JSAPI"), "wechatApp", "miniprogram"))
                .post("/api/admin/apps").then().statusCode(201).body("wechatApp", equalTo("miniprogram")).extract().jsonPath();
        PaygateClient mini = client(miniApp, app.getString("secret"));
        Payment created = mini.createPayment(CreatePayment.of(Api.unique("C"), 1200, "x", "WECHAT_JSAPI").withOpenid("oMini-1"));

        // prepay asked in the mini-program's appid, and the payer's paySign made over it (the official SDK verifies).
        assertEquals(Sandbox.miniprogramAppId(), Sandbox.trade(created.paySn()).getString("appId"));
        Map<String, Object> prepay = created.prepay();
        assertEquals(Sandbox.miniprogramAppId(), prepay.get("appId"));
        String message = Sandbox.miniprogramAppId() + "\n" + prepay.get("timeStamp") + "\n" + prepay.get("nonceStr") + "\n"
                + prepay.get("package") + "\n";
        assertTrue(new com.wechat.pay.java.core.cipher.RSAVerifier(Sandbox.wechatMerchantPublicKey(), Sandbox.wechatMerchantSerial())
                .verify(Sandbox.wechatMerchantSerial(), message, (String) prepay.get("paySign")));

        // WeChat's notification names that appid: ours, so it is applied.
        Sandbox.pay(created.paySn());
        await().atMost(Duration.ofSeconds(15)).until(() -> "SUCCESS".equals(mini.getPayment(created.paySn()).state()));

        // An app naming an appid the merchant has not bound cannot pay JSAPI.
        admin().contentType("application/json").body(Map.of("wechatApp", "not-bound")).patch("/api/admin/apps/" + miniApp)
                .then().statusCode(200);
        PaygateException unknown = assertThrows(PaygateException.class,
                () -> mini.createPayment(CreatePayment.of(Api.unique("C"), 1200, "x", "WECHAT_JSAPI").withOpenid("oMini-1")));
        assertEquals(422, unknown.status());
        assertEquals("PAYER_APP_UNKNOWN", unknown.code());
    }

    @Test
    void anOrderWithAnyOpenPaymentTakesNoOtherUntilItIsClosedAndOrderNumbersAreCaseSensitive() {
        String bizOrderNo = Api.unique("Cx");
        Payment first = client.createPayment(CreatePayment.of(bizOrderNo, 500, "x", "WECHAT_NATIVE"));
        // The payer's attempt failed at WeChat (PAYERROR), or the payment expired unclosed: WeChat may still take money.
        Db.update("state = ?1 where paySn = ?2", com.paygate.payment.domain.PaymentState.PAYERROR, first.paySn());
        PaygateException inProgress = assertThrows(PaygateException.class,
                () -> client.createPayment(CreatePayment.of(bizOrderNo, 500, "x", "ALIPAY_QR")));
        assertEquals("PAYMENT_IN_PROGRESS", inProgress.code());
        assertEquals("CLOSED", client.closePayment(first.paySn()).state(), "a failed payment can be closed");
        assertNotEquals(first.paySn(), client.createPayment(CreatePayment.of(bizOrderNo, 500, "x", "ALIPAY_QR")).paySn());

        // "cX..." is another order than "Cx...": no lock, payment or metadata shared.
        String other = "cX" + bizOrderNo.substring(2);
        Payment second = client.createPayment(CreatePayment.of(other, 700, "y", "WECHAT_NATIVE"));
        assertEquals(other, second.bizOrderNo());
        assertEquals(List.of(other), client.paymentsOf(other).stream().map(Payment::bizOrderNo).distinct().toList());
    }

    @Test
    void theRequestLineIsCheckedAsSentAndAnAppsRefundIsRecordedAsTheApps() throws Exception {
        // A query java.net.URI would not parse: checked against the raw line, answered, never a 500.
        // (Written on a socket: java.net.URI, under every HTTP client here, refuses such lines too.) Vert.x refuses
        // most of them itself; whatever it lets through is checked against the raw line, and nothing is a 500.
        for (String odd : List.of("a|b", "a^b", "a{b}", "a`b", "a\"b", "a\u00e9b", "a%zzb")) {
            long now = Instant.now().getEpochSecond();
            String nonce = UUID.randomUUID().toString().replace("-", "");
            String path = "/api/apps/payments?bizOrderNo=" + odd;
            String answer = rawGet(path, Map.of("Paygate-App-Id", appId, "Paygate-Timestamp", String.valueOf(now),
                    "Paygate-Nonce", nonce, "Paygate-Signature", RequestSigner.signature(secret, "GET", path, now, nonce, "")));
            // 400: the HTTP server refused the line; 401: raw non-ASCII was signed as UTF-8 but is read as bytes (the
            // client library percent-encodes); 200: answered.
            assertTrue(answer.matches("(?s)HTTP/1.1 (200|400|401) .*"), odd + ": " + answer);
        }

        Payment paid = client.createPayment(CreatePayment.of(Api.unique("C"), 300, "x", "WECHAT_NATIVE"));
        Sandbox.pay(paid.paySn());
        await().atMost(Duration.ofSeconds(15)).until(() -> "SUCCESS".equals(client.getPayment(paid.paySn()).state()));
        Refund refund = client.refund(paid.paySn(), 100, "partial", "r-1");
        assertEquals("APP:" + appId, Db.tx(() -> com.paygate.payment.domain.Refund.<com.paygate.payment.domain.Refund>find(
                "refundSn", refund.refundSn()).firstResult()).requestedBy);
    }

    @Test
    void anIdempotencyKeyWhoseFirstRequestDiedIsTakenOverAfterAWhile() throws Exception {
        String body = "{\"bizOrderNo\":\"" + Api.unique("C") + "\",\"amountFen\":300,\"subject\":\"x\",\"channel\":\"ALIPAY_QR\"}";
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(("POST /api/apps/payments\n" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        // The first request's process died after taking the key: a repeat at once is told to wait...
        Db.sql("INSERT INTO app_idempotency (app_id, idem_key, request_hash, status, created_at) VALUES ('" + appId
                + "', 'died-1', '" + hash + "', 0, UTC_TIMESTAMP(3))");
        raw("POST", "/api/apps/payments", body, secret, "died-1").then().statusCode(409).body("code", equalTo("IDEMPOTENCY_KEY_IN_USE"));
        // ...and after two minutes takes it over.
        Db.sql("UPDATE app_idempotency SET created_at = UTC_TIMESTAMP(3) - INTERVAL 3 MINUTE WHERE app_id = '" + appId + "' AND idem_key = 'died-1'");
        Response taken = raw("POST", "/api/apps/payments", body, secret, "died-1");
        taken.then().statusCode(201);
        assertEquals(taken.asString(), raw("POST", "/api/apps/payments", body, secret, "died-1").asString());
    }

    @Test
    void anEndpointQuietForLongerThanAnyRetryStartsCountingItsFailuresAgain() {
        receiver.answer(500);
        // Its last failure was four days ago, and nothing failed since: one new failure must not disable it.
        Db.sql("UPDATE app SET webhook_failing_since = UTC_TIMESTAMP(3) - INTERVAL 4 DAY,"
                + " webhook_last_failure_at = UTC_TIMESTAMP(3) - INTERVAL 4 DAY WHERE app_id = '" + appId + "'");
        Payment created = client.createPayment(CreatePayment.of(Api.unique("C"), 100, "x", "WECHAT_NATIVE"));
        Sandbox.pay(created.paySn());
        // Until the failure is recorded: the endpoint disabled, or failing since now rather than four days ago.
        Instant before = Instant.now().minusSeconds(60);
        JsonPath app = await().atMost(Duration.ofSeconds(15)).until(
                () -> admin().get("/api/admin/apps/" + appId).then().statusCode(200).extract().jsonPath(),
                a -> !a.getBoolean("webhookEnabled") || Instant.parse(a.getString("webhookFailingSince")).isAfter(before));
        assertTrue(app.getBoolean("webhookEnabled"), "one failure after a quiet gap: " + app.prettify());
        assertTrue(Instant.parse(app.getString("webhookFailingSince")).isAfter(before),
                "failing since the new failure, not four days: " + app.prettify());
        // A null channel is a bad request, not a server error.
        admin().contentType("application/json").body("{\"channels\":[null]}").patch("/api/admin/apps/" + appId).then()
                .statusCode(400).body("code", equalTo("APP_INVALID"));
    }

    @Test
    void requestsAreSignedByTheAppAndAReplayOrAnyChangeIsRefused() {
        String body = "{\"bizOrderNo\":\"" + Api.unique("C") + "\",\"amountFen\":100,\"subject\":\"x\",\"channel\":\"WECHAT_NATIVE\"}";
        given().contentType("application/json").body(body).post("/api/apps/payments").then().statusCode(401)
                .body("code", equalTo("SIGNATURE_MISSING"));
        raw("POST", "/api/apps/payments", body, "pgs_not-the-secret", null).then().statusCode(401).body("code", equalTo("SIGNATURE_INVALID"));

        long now = Instant.now().getEpochSecond();
        String nonce = UUID.randomUUID().toString().replace("-", "");
        String signature = RequestSigner.signature(secret, "POST", "/api/apps/payments", now, nonce, body);
        // The body changed after signing (another amount): refused.
        signed(now, nonce, signature).body(body.replace("\"amountFen\":100", "\"amountFen\":1")).post("/api/apps/payments")
                .then().statusCode(401).body("code", equalTo("SIGNATURE_INVALID"));
        signed(now, nonce, signature).body(body).post("/api/apps/payments").then().statusCode(201);
        // The same request again: a replay.
        signed(now, nonce, signature).body(body).post("/api/apps/payments").then().statusCode(401)
                .body("code", equalTo("REQUEST_REPLAYED"));

        long old = now - 301;
        String oldNonce = UUID.randomUUID().toString().replace("-", "");
        signed(old, oldNonce, RequestSigner.signature(secret, "POST", "/api/apps/payments", old, oldNonce, body)).body(body)
                .post("/api/apps/payments").then().statusCode(401).body("code", equalTo("TIMESTAMP_OUT_OF_WINDOW"));

        // Another app sees none of this app's payments.
        String paySn = client.createPayment(CreatePayment.of(Api.unique("C"), 100, "x", "WECHAT_NATIVE")).paySn();
        JsonPath other = createApp("other-" + UUID.randomUUID().toString().substring(0, 8), receiver.url(), "WECHAT_NATIVE");
        PaygateException notTheirs = assertThrows(PaygateException.class,
                () -> client(other.getString("appId"), other.getString("secret")).getPayment(paySn));
        assertEquals(404, notTheirs.status());
        // Nor does a user of the built-in line.
        Api.getPayment(DevTokens.user("app:" + appId), paySn).then().statusCode(404);
    }

    @Test
    void anIdempotencyKeyAnswersTheFirstResponseVerbatim() {
        String body = "{\"bizOrderNo\":\"" + Api.unique("C") + "\",\"amountFen\":300,\"subject\":\"x\",\"channel\":\"ALIPAY_QR\"}";
        Response first = raw("POST", "/api/apps/payments", body, secret, "key-1");
        first.then().statusCode(201);
        Response again = raw("POST", "/api/apps/payments", body, secret, "key-1");
        assertEquals(201, again.statusCode(), "the first status, not 200");
        assertEquals(first.asString(), again.asString(), "byte for byte");
        raw("POST", "/api/apps/payments", body.replace("300", "301"), secret, "key-1").then().statusCode(409)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        raw("POST", "/api/apps/payments", body, secret, "not a key!").then().statusCode(400)
                .body("code", equalTo("IDEMPOTENCY_KEY_INVALID"));

        // A refused request keeps nothing: the same key and body are refused again for the same reason, not "in use".
        String refused = "{\"bizOrderNo\":\"" + Api.unique("C") + "\",\"amountFen\":300,\"subject\":\"x\",\"channel\":\"WECHAT_H5\"}";
        for (int i = 0; i < 2; i++) {
            raw("POST", "/api/apps/payments", refused, secret, "key-2").then().statusCode(422)
                    .body("code", equalTo("CHANNEL_NOT_ALLOWED"));
        }
    }

    @Test
    void aRotatedSecretKeepsTheOldOneForTheOverlapAndWebhooksCarryBothSignatures() {
        String newSecret = admin().post("/api/admin/apps/" + appId + "/secrets").then().statusCode(201).extract().path("secret");
        assertNotEquals(secret, newSecret);
        Payment created = client(appId, newSecret).createPayment(CreatePayment.of(Api.unique("C"), 800, "x", "WECHAT_NATIVE"));
        assertEquals(created.paySn(), client.getPayment(created.paySn()).paySn(), "the old secret works during the overlap");

        Sandbox.pay(created.paySn());
        WebhookReceiver.Received delivery = awaitDelivery(created.paySn());
        Webhooks.verify(delivery.signature(), delivery.body(), secret, TOLERANCE);
        Webhooks.verify(delivery.signature(), delivery.body(), newSecret, TOLERANCE);

        String newest = admin().queryParam("overlap", "PT0S").post("/api/admin/apps/" + appId + "/secrets").then().statusCode(201)
                .extract().path("secret");
        PaygateException revoked = assertThrows(PaygateException.class, () -> client.getPayment(created.paySn()));
        assertEquals(401, revoked.status());
        assertEquals("SUCCESS", client(appId, newest).getPayment(created.paySn()).state());
        admin().get("/api/admin/apps/" + appId).then().statusCode(200).body("secret", nullValue()).body("appId", equalTo(appId));
    }

    @Test
    void aReceiverDownForAWhileGetsEveryEventOnceItIsBackAndATamperedDeliveryIsRefused() {
        receiver.answer(503);
        List<String> paySns = List.of(
                client.createPayment(CreatePayment.of(Api.unique("C"), 100, "x", "WECHAT_NATIVE")).paySn(),
                client.createPayment(CreatePayment.of(Api.unique("C"), 200, "x", "ALIPAY_QR")).paySn());
        paySns.forEach(Sandbox::pay);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 4);
        receiver.answer(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.accepted().size() >= 2);

        // Each event once, after dedupe by id; every delivery verifies; tries were logged with their status.
        List<WebhookEvent> events = receiver.received().stream()
                .map(r -> Webhooks.verify(r.signature(), r.body(), secret, TOLERANCE)).toList();
        assertEquals(paySns.stream().sorted().toList(), events.stream().map(WebhookEvent::id).distinct()
                .map(id -> events.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow().data().get("paySn").asText())
                .sorted().toList());
        // The receiver's 200 is recorded right after it answers: wait for the record, not just the answer.
        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(client.webhookDeliveries().get(0).state()));
        com.paygate.client.WebhookDelivery d = client.webhookDeliveries().get(0);
        assertTrue(d.attemptLog().size() >= 2);
        assertEquals(Integer.valueOf(503), d.attemptLog().get(0).status());
        assertEquals(Integer.valueOf(200), d.attemptLog().get(d.attemptLog().size() - 1).status());

        WebhookReceiver.Received one = receiver.accepted().get(0);
        assertThrows(WebhookSignatureException.class,
                () -> Webhooks.verify(one.signature(), one.body().replace("\"amountFen\":", "\"amountFen\":9"), secret, TOLERANCE));
        assertThrows(WebhookSignatureException.class, () -> Webhooks.verify(one.signature(), one.body(), secret,
                TOLERANCE, java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofMinutes(6))), "a delivery replayed later");

        // A resend delivers the same event (same id) again.
        String eventId = d.eventId();
        client.resendWebhook(eventId);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().stream().filter(r -> r.body().contains(eventId)).count() == 2);
    }

    @Test
    void anEndpointFailingTooLongIsDisabledAndAlertedThenResumesWhenEnabledAgain() throws Exception {
        receiver.answer(500);
        String paySn = client.createPayment(CreatePayment.of(Api.unique("C"), 100, "x", "WECHAT_NATIVE")).paySn();
        Sandbox.pay(paySn);
        // Test schedule: retries after 1, 1, 1, 2, 3 s; disabled after failing for 6 s.
        await().atMost(Duration.ofSeconds(20)).until(() -> !admin().get("/api/admin/apps/" + appId).then().extract()
                .<Boolean>path("webhookEnabled"));
        admin().queryParam("kind", "WEBHOOK_ENDPOINT_DISABLED").get("/api/admin/payment-alerts").then().statusCode(200)
                .body("find { it.subject == '" + appId + "' }.state", equalTo("OPEN"));
        int triesWhenDisabled = receiver.received().size();
        Thread.sleep(2500);
        assertEquals(triesWhenDisabled, receiver.received().size(), "a disabled endpoint gets nothing");

        receiver.answer(200);
        admin().contentType("application/json").body("{\"webhookEnabled\":true}").patch("/api/admin/apps/" + appId).then()
                .statusCode(200).body("webhookEnabled", equalTo(true)).body("webhookFailingSince", nullValue());
        client.resendWebhook(client.webhookDeliveries().get(0).eventId());
        awaitEvent("payment.succeeded", paySn);
    }

    @Test
    void onlyAdminsManageAppsAndWebhookUrlsMustBePlainHttp() {
        admin().contentType("application/json").body(Map.of("appId", "orders", "name", "x", "channels", List.of("WECHAT_NATIVE")))
                .post("/api/admin/apps").then().statusCode(400).body("code", equalTo("APP_ID_INVALID"));
        for (String url : List.of("ftp://example.com/hook", "http://user:pw@example.com/hook", "not a url", "/relative")) {
            admin().contentType("application/json").body(Map.of("appId", "bad-" + UUID.randomUUID().toString().substring(0, 8),
                    "name", "x", "channels", List.of("WECHAT_NATIVE"), "webhookUrl", url)).post("/api/admin/apps").then()
                    .statusCode(400).body("code", equalTo("WEBHOOK_URL_INVALID"));
        }
        admin().contentType("application/json").body(Map.of("appId", appId, "name", "x", "channels", List.of("WECHAT_NATIVE")))
                .post("/api/admin/apps").then().statusCode(409).body("code", equalTo("APP_EXISTS"));
        given().header("Authorization", DevTokens.bearer(DevTokens.user("someone"))).get("/api/admin/apps").then().statusCode(403);
        admin().get("/api/admin/apps").then().statusCode(200).body("find { it.appId == '" + appId + "' }.secret", nullValue());
        admin().get("/api/admin/apps/nope").then().statusCode(404).body("code", equalTo("APP_NOT_FOUND"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private WebhookEvent awaitEvent(String type, String subject) {
        WebhookReceiver.Received r = await().atMost(Duration.ofSeconds(15)).until(() -> receiver.accepted().stream()
                .filter(x -> x.body().contains("\"type\":\"" + type + "\"") && x.body().contains(subject)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        WebhookEvent event = Webhooks.verify(r.signature(), r.body(), secret, TOLERANCE);
        assertEquals(type, event.type());
        assertEquals(event.id(), r.eventIdHeader());
        assertNotNull(event.createdAt());
        return event;
    }

    private WebhookReceiver.Received awaitDelivery(String subject) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> receiver.accepted().stream()
                .filter(x -> x.body().contains(subject)).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    /** A GET written on a socket, request line as given; the whole answer as text. */
    private static String rawGet(String pathAndQuery, Map<String, String> headers) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", RestAssured.port)) {
            StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        }
    }

    private static JsonPath createApp(String appId, String webhookUrl, String... channels) {
        return admin().contentType("application/json").body(Map.of("appId", appId, "name", "Courses", "webhookUrl", webhookUrl,
                "channels", List.of(channels))).post("/api/admin/apps").then().statusCode(201).extract().jsonPath();
    }

    private static PaygateClient client(String appId, String secret) {
        return PaygateClient.builder().baseUri(URI.create("http://127.0.0.1:" + RestAssured.port)).appId(appId).secret(secret).build();
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", DevTokens.bearer(DevTokens.admin("ops-apps")));
    }

    private RequestSpecification signed(long timestamp, String nonce, String signature) {
        return given().contentType("application/json").header("Paygate-App-Id", appId)
                .header("Paygate-Timestamp", String.valueOf(timestamp)).header("Paygate-Nonce", nonce)
                .header("Paygate-Signature", signature);
    }

    /** A request signed by hand with {@code key} (a wrong one, or the app's), optionally with an Idempotency-Key. */
    private Response raw(String method, String path, String body, String key, String idempotencyKey) {
        long now = Instant.now().getEpochSecond();
        String nonce = UUID.randomUUID().toString().replace("-", "");
        RequestSpecification spec = signed(now, nonce, RequestSigner.signature(key, method, path, now, nonce, body)).body(body);
        if (idempotencyKey != null) {
            spec = spec.header("Idempotency-Key", idempotencyKey);
        }
        return spec.request(method, path);
    }
}
