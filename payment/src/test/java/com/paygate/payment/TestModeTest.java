package com.paygate.payment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.client.CreatePayment;
import com.paygate.client.PaygateClient;
import com.paygate.client.Payment;
import com.paygate.client.Refund;
import com.paygate.client.WebhookEvent;
import com.paygate.client.Webhooks;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.support.Api;
import com.paygate.payment.support.Db;
import com.paygate.payment.support.Notifications;
import com.paygate.payment.support.Sandbox;
import com.paygate.payment.support.WebhookReceiver;
import com.paygate.payment.support.WechatSandbox;
import com.paygate.testing.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An app created in test mode pays through the test-mode providers ({@code wechat-test}, {@code alipay-test}: the
 * sandbox under payment.test-mode.*) and nothing else: its payments are prepaid there, notified at their own
 * endpoints, refunded there, and a statement through the other mode's endpoint never touches them (nor the reverse),
 * even though both modes verify the same sandbox keys in this test.
 */
@QuarkusTest
class TestModeTest {

    private WebhookReceiver receiver;
    private String appId;
    private String secret;
    private PaygateClient client;

    @BeforeEach
    void newTestModeApp() throws Exception {
        receiver = new WebhookReceiver();
        appId = "sandbox-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath app = admin().contentType("application/json").body(Map.of("appId", appId, "name", "Courses (test)",
                        "webhookUrl", receiver.url(), "channels", List.of("WECHAT_NATIVE", "ALIPAY_QR"), "testMode", true))
                .post("/api/admin/apps").then().statusCode(201).body("testMode", equalTo(true)).extract().jsonPath();
        secret = app.getString("secret");
        client = PaygateClient.builder().baseUri(URI.create("http://127.0.0.1:" + RestAssured.port)).appId(appId)
                .secret(secret).build();
    }

    @AfterEach
    void stopReceiverAndItsWebhooks() {
        admin().contentType("application/json").body(Map.of("webhookEnabled", false)).patch("/api/admin/apps/" + appId)
                .then().statusCode(200);
        receiver.close();
    }

    @Test
    void aTestModeAppPaysAndRefundsThroughTheSandboxProvidersOnly() {
        Payment created = client.createPayment(CreatePayment.of(Api.unique("T"), 1200, "Trial lesson", "WECHAT_NATIVE"));
        assertTrue(created.testMode(), "the app's payments say they are test payments");
        assertEquals("wechat-test", Db.payment(created.paySn()).provider);
        assertTrue(Sandbox.trade(created.paySn()).getString("notifyUrl").endsWith("/notify/wechat-test/pay"),
                "the provider is told to notify the test-mode endpoint: " + Sandbox.trade(created.paySn()).getString("notifyUrl"));

        // The live endpoint does not know a test payment, whatever the statement's signature.
        new Notifications(created.paySn(), 1200).sign().postTo("/notify/wechat/pay").then().statusCode(404);
        assertEquals(PaymentState.NOTPAY, Db.payment(created.paySn()).state);

        Sandbox.pay(created.paySn());
        WebhookEvent paid = awaitEvent("payment.succeeded", created.paySn());
        assertTrue(paid.data().get("testMode").asBoolean());
        assertEquals("SUCCESS", client.getPayment(created.paySn()).state());
        assertTrue(Sandbox.deliveries(created.paySn()).stream().allMatch(d -> Integer.valueOf(204).equals(d.get("status"))),
                "the test-mode endpoint took the sandbox's notification: " + Sandbox.deliveries(created.paySn()));

        Refund refund = client.refund(created.paySn(), 500, "changed mind", "t-refund-1");
        awaitEvent("refund.succeeded", refund.refundSn());
        assertEquals(List.of(refund.refundSn()), WechatSandbox.refunds(created.paySn()).getList("outRefundNo"),
                "the refund went to the test-mode provider");
        // A live refund notification for it (here: "abnormal", which would alert if applied) is not the live side's.
        WechatSandbox.postRefundNotification(created.paySn(), refund.refundSn(), 500, 1200, "ABNORMAL", null)
                .then().statusCode(404);
        assertEquals("SUCCESS", client.refunds(created.paySn()).get(0).state());
        assertTrue(Db.alerts(created.paySn()).isEmpty(), "nothing to alert: " + Db.alerts(created.paySn()));
    }

    @Test
    void alipayInTestModeIsNotifiedAtItsOwnEndpoint() {
        Payment created = client.createPayment(CreatePayment.of(Api.unique("T"), 300, "Trial lesson", "ALIPAY_QR"));
        assertEquals("alipay-test", Db.payment(created.paySn()).provider);
        assertTrue(Sandbox.trade(created.paySn()).getString("notifyUrl").endsWith("/notify/alipay-test"));
        Sandbox.pay(created.paySn());
        assertTrue(awaitEvent("payment.succeeded", created.paySn()).data().get("testMode").asBoolean());
        assertEquals(List.of("success"), Sandbox.deliveries(created.paySn()).stream().map(d -> d.get("responseBody")).toList());
    }

    @Test
    void aLivePaymentIsNeverSettledThroughTheTestModeEndpoint() {
        String liveApp = "live-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath app = admin().contentType("application/json").body(Map.of("appId", liveApp, "name", "Courses",
                "channels", List.of("WECHAT_NATIVE"))).post("/api/admin/apps").then().statusCode(201)
                .body("testMode", equalTo(false)).extract().jsonPath();
        PaygateClient live = PaygateClient.builder().baseUri(URI.create("http://127.0.0.1:" + RestAssured.port))
                .appId(liveApp).secret(app.getString("secret")).build();
        Payment payment = live.createPayment(CreatePayment.of(Api.unique("L"), 800, "Course", "WECHAT_NATIVE"));
        assertFalse(payment.testMode());
        assertEquals("wechat", Db.payment(payment.paySn()).provider);

        // Test mode's keys are a sandbox's, which anyone may hold: what comes through its endpoint is for it alone.
        new Notifications(payment.paySn(), 800).sign().postTo("/notify/wechat-test/pay").then().statusCode(404);
        assertEquals(PaymentState.NOTPAY, Db.payment(payment.paySn()).state);
        new Notifications(payment.paySn(), 800).sign().post().then().statusCode(204);
        assertEquals(PaymentState.SUCCESS, Db.payment(payment.paySn()).state);
    }

    @Test
    void theModeIsChosenWhenTheAppIsCreated() {
        admin().contentType("application/json").body(Map.of("testMode", false)).patch("/api/admin/apps/" + appId)
                .then().statusCode(422).body("code", equalTo("APP_MODE_IMMUTABLE"));
        admin().contentType("application/json").body(Map.of("testMode", true, "name", "Renamed")).patch("/api/admin/apps/" + appId)
                .then().statusCode(200).body("testMode", equalTo(true)).body("name", equalTo("Renamed"));
        admin().get("/api/admin/apps/" + appId).then().statusCode(200).body("testMode", equalTo(true));
    }

    private WebhookEvent awaitEvent(String type, String subject) {
        WebhookReceiver.Received r = await().atMost(Duration.ofSeconds(15)).until(() -> receiver.accepted().stream()
                .filter(x -> x.body().contains("\"type\":\"" + type + "\"") && x.body().contains(subject)).findFirst(),
                Optional::isPresent).orElseThrow();
        return Webhooks.verify(r.signature(), r.body(), secret, Duration.ofMinutes(5));
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", DevTokens.bearer(DevTokens.admin("ops-apps")));
    }
}
