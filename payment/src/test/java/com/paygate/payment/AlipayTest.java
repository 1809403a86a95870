package com.paygate.payment;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.api.internal.util.AlipaySignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.domain.PaymentTransition;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.support.AlipayNotify;
import com.paygate.payment.support.Api;
import com.paygate.payment.support.Db;
import com.paygate.payment.support.OrderServiceDouble;
import com.paygate.payment.support.Sandbox;
import com.paygate.testing.DevTokens;
import com.paygate.testing.SandboxResource;
import com.paygate.testing.TopicTail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * ALIPAY_WAP against the real sandbox process (its Alipay gateway verifies our signatures and posts signed
 * notifications), with alipay-sdk-java as the oracle for what Alipay accepts and sends.
 */
@QuarkusTest
@QuarkusTestResource(OrderServiceDouble.class)
@QuarkusTestResource(SandboxResource.class)
class AlipayTest {

    /** Topics from where they stood when this test began. */
    private final TopicTail paymentEvents = TopicTail.startingNow("payment-events");

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "payment.alipay.app-id")
    String appId;
    @ConfigProperty(name = "payment.alipay.seller-id")
    String sellerId;

    /** user, orderSn, paySn, payUrl */
    private static String[] alipayPayment(long amountFen, String returnUrl) {
        return alipayPayment("ALIPAY_WAP", amountFen, returnUrl);
    }

    /** user, orderSn, paySn, payUrl (WAP, PC) or qrCode (QR) */
    private static String[] alipayPayment(String channel, long amountFen, String returnUrl) {
        String user = Api.unique("u");
        String orderSn = Api.unique("O");
        OrderServiceDouble.seedOrder(orderSn, user, amountFen, "WAIT_PAY");
        Response created = createAlipay(channel, user, orderSn, returnUrl);
        created.then().statusCode(201).body("channel", equalTo(channel)).body("state", equalTo("NOTPAY"))
                .body("amountFen", equalTo((int) amountFen));
        return new String[] { user, orderSn, created.path("paySn"),
                created.path(channel.equals("ALIPAY_QR") ? "prepay.qrCode" : "prepay.payUrl") };
    }

    private static Response createAlipay(String user, String orderSn, String returnUrl) {
        return createAlipay("ALIPAY_WAP", user, orderSn, returnUrl);
    }

    private static Response createAlipay(String channel, String user, String orderSn, String returnUrl) {
        String body = returnUrl == null ? "{\"orderSn\":\"" + orderSn + "\",\"channel\":\"" + channel + "\"}"
                : "{\"orderSn\":\"" + orderSn + "\",\"channel\":\"" + channel + "\",\"returnUrl\":\"" + returnUrl + "\"}";
        return given().header("Authorization", DevTokens.bearer(DevTokens.user(user))).contentType("application/json").body(body)
                .post("/api/payments");
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void wapPayUrlCarriesTheSignedTradeAndTheSdkAndTheGatewayAcceptIt() throws Exception {
        String[] p = alipayPayment(2505, "https://shop.example/paid?x=1&y=2");
        assertTrue(p[3].startsWith(Sandbox.gatewayUrl() + "?"), p[3]);
        Map<String, String> params = query(p[3]);
        assertEquals(appId, params.get("app_id"));
        assertEquals("alipay.trade.wap.pay", params.get("method"));
        assertEquals("JSON", params.get("format"));
        assertEquals("utf-8", params.get("charset"));
        assertEquals("RSA2", params.get("sign_type"));
        assertEquals("1.0", params.get("version"));
        assertTrue(params.get("timestamp").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertEquals("http://127.0.0.1:" + io.restassured.RestAssured.port + "/notify/alipay", params.get("notify_url"));
        assertEquals("https://shop.example/paid?x=1&y=2", params.get("return_url"));
        JsonNode biz = JSON.readTree(params.get("biz_content"));
        assertEquals(p[2], biz.path("out_trade_no").asText());
        assertEquals("25.05", biz.path("total_amount").asText());
        assertEquals("Ticket " + p[1], biz.path("subject").asText());
        assertEquals("QUICK_WAP_WAY", biz.path("product_code").asText());
        assertTrue(biz.path("time_expire").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));

        // Oracle: the SDK's check of a merchant request (over everything but sign, sign_type included).
        String merchantKey = Base64.getEncoder().encodeToString(Sandbox.alipayMerchantPublicKey().getEncoded());
        assertTrue(AlipaySignature.rsaCheckV2(new HashMap<>(params), merchantKey, "utf-8", "RSA2"));
        Map<String, String> tampered = new HashMap<>(params);
        tampered.put("biz_content", params.get("biz_content").replace("25.05", "0.01"));
        assertFalse(AlipaySignature.rsaCheckV2(tampered, merchantKey, "utf-8", "RSA2"));

        // The payer's browser opens it: the gateway verifies the signature and shows the cashier for 25.05.
        Response cashier = Sandbox.openCashier(p[3]);
        assertEquals(200, cashier.statusCode(), cashier.asString());
        assertTrue(cashier.asString().contains("25.05"));
        assertEquals("NOTPAY", Sandbox.trade(p[2]).getString("state"));
        assertEquals(2505, Sandbox.trade(p[2]).getLong("totalFen"));

        // Asking again while it is open returns the same payment and trade, freshly signed, and Alipay takes it.
        Thread.sleep(1100);
        Response again = createAlipay(p[0], p[1], "https://shop.example/paid?x=1&y=2");
        again.then().statusCode(200).body("paySn", equalTo(p[2]));
        Map<String, String> reissued = query(again.path("prepay.payUrl"));
        assertTrue(AlipaySignature.rsaCheckV2(new HashMap<>(reissued), merchantKey, "utf-8", "RSA2"));
        assertFalse(params.get("timestamp").equals(reissued.get("timestamp")));
        for (String same : List.of("app_id", "method", "notify_url", "return_url", "biz_content")) {
            assertEquals(params.get(same), reissued.get(same), same);
        }
        assertEquals(200, Sandbox.openCashier(again.path("prepay.payUrl")).statusCode());
    }

    @Test
    void qrPaymentIsPrecreatedAtOnceScannedAndPaidWithOneSucceededEvent() throws Exception {
        String[] p = alipayPayment("ALIPAY_QR", 3300, null);
        assertTrue(p[3].startsWith("https://qr.alipay.com/"), p[3]);
        // precreate made the trade at Alipay before anyone scanned (WAP trades wait for the cashier).
        assertEquals("NOTPAY", Sandbox.trade(p[2]).getString("state"));
        assertEquals(3300, Sandbox.trade(p[2]).getLong("totalFen"));
        createAlipay("ALIPAY_QR", p[0], p[1], null).then().statusCode(200).body("paySn", equalTo(p[2]))
                .body("prepay.qrCode", equalTo(p[3]));

        // A buyer's Alipay app scans the code: the sandbox shows its cashier for that trade.
        Response scanned = given().queryParam("qr_code", p[3]).get(Sandbox.url() + "/sandbox/checkout/alipay-qr");
        assertEquals(200, scanned.statusCode(), scanned.asString());
        assertTrue(scanned.asString().contains("33.00"));
        Sandbox.pay(p[2]);

        await().atMost(Duration.ofSeconds(15)).until(() -> Db.payment(p[2]).state == PaymentState.SUCCESS);
        List<ConsumerRecord<String, String>> records = paymentEvents.settled(p[1], found -> found.size() >= 1,
                Duration.ofSeconds(20));
        assertEquals(1, records.size());
        JsonNode event = JSON.readTree(records.get(0).value());
        assertEquals("PAYMENT_SUCCEEDED", event.path("type").asText());
        assertEquals("ALIPAY_QR", event.path("channel").asText());
        assertEquals(3300, event.path("amountFen").asLong());
    }

    @Test
    void anExpiredQrPaymentIsClosedAtAlipaySoTheCodeCanNoLongerBePaid() throws Exception {
        String[] p = alipayPayment("ALIPAY_QR", 900, null);
        Db.update("expireAt = ?1 where paySn = ?2", Instant.now().minusSeconds(60), p[2]);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.payment(p[2]).state == PaymentState.CLOSED);
        assertEquals("CLOSED", Sandbox.trade(p[2]).getString("state"));
        given().contentType("application/json").body(Map.of("outTradeNo", p[2], "outcome", "SUCCESS"))
                .post(Sandbox.url() + "/sandbox/pay").then().statusCode(409);
    }

    @Test
    void pcPaymentIsASignedPagePayUrlToTheDesktopCashier() throws Exception {
        String[] p = alipayPayment("ALIPAY_PC", 1990, "https://shop.example/desk");
        Map<String, String> params = query(p[3]);
        assertEquals("alipay.trade.page.pay", params.get("method"));
        JsonNode biz = JSON.readTree(params.get("biz_content"));
        assertEquals("FAST_INSTANT_TRADE_PAY", biz.path("product_code").asText());
        assertEquals("19.90", biz.path("total_amount").asText());
        String merchantKey = Base64.getEncoder().encodeToString(Sandbox.alipayMerchantPublicKey().getEncoded());
        assertTrue(AlipaySignature.rsaCheckV2(new HashMap<>(params), merchantKey, "utf-8", "RSA2"));

        // Handed out again: the same trade, re-signed, still a page.pay.
        Thread.sleep(1100);
        Map<String, String> reissued = query(createAlipay("ALIPAY_PC", p[0], p[1], "https://shop.example/desk")
                .then().statusCode(200).extract().path("prepay.payUrl"));
        assertEquals("alipay.trade.page.pay", reissued.get("method"));
        assertEquals(params.get("biz_content"), reissued.get("biz_content"));

        Response cashier = Sandbox.openCashier(p[3]);
        assertEquals(200, cashier.statusCode(), cashier.asString());
        assertTrue(cashier.asString().contains("19.90"));
        Sandbox.pay(p[2]);
        await().atMost(Duration.ofSeconds(15)).until(() -> Db.payment(p[2]).state == PaymentState.SUCCESS);
        assertEquals("ALIPAY_PC", Db.payment(p[2]).channel.name());
    }

    @Test
    void paidThroughTheSandboxEndsInOneSucceededEvent() throws Exception {
        String[] p = alipayPayment(8888, null);
        assertEquals(200, Sandbox.openCashier(p[3]).statusCode());
        Sandbox.pay(p[2]);

        await().atMost(Duration.ofSeconds(15)).until(() -> Db.payment(p[2]).state == PaymentState.SUCCESS);
        Payment paid = Db.payment(p[2]);
        String tradeNo = Sandbox.trade(p[2]).getString("transactionId");
        assertEquals(tradeNo, paid.transactionId);
        assertNotNull(paid.paidAt);
        List<PaymentTransition> log = Db.transitions(p[2]);
        assertEquals(1, log.size());
        assertEquals(TransitionSource.NOTIFY, log.get(0).source);
        // The sandbox heard "success" and so stops re-sending.
        await().atMost(Duration.ofSeconds(5)).until(() -> !Sandbox.deliveries(p[2]).isEmpty());
        Map<String, Object> first = Sandbox.deliveries(p[2]).get(0);
        assertEquals(200, first.get("status"));
        assertEquals("success", first.get("responseBody"));

        List<ConsumerRecord<String, String>> records = paymentEvents.settled(p[1], found -> found.size() >= 1,
                Duration.ofSeconds(20));
        assertEquals(1, records.size());
        JsonNode event = JSON.readTree(records.get(0).value());
        assertEquals("PAYMENT_SUCCEEDED", event.path("type").asText());
        assertEquals(p[2], event.path("paySn").asText());
        assertEquals(p[0], event.path("userId").asText());
        assertEquals(8888, event.path("amountFen").asLong());
        assertEquals("ALIPAY_WAP", event.path("channel").asText());
        assertEquals(tradeNo, event.path("transactionId").asText());

        Api.getPayment(DevTokens.user(p[0]), p[2]).then().statusCode(200).body("state", equalTo("SUCCESS"))
                .body("transactionId", equalTo(tradeNo));
    }

    @Test
    void duplicateNotificationsAreAnsweredSuccessWithoutASecondEffect() throws Exception {
        String[] p = alipayPayment(1200, null);
        Sandbox.openCashier(p[3]);
        try {
            Sandbox.faults(Map.of("duplicateNotifications", 3));
            Sandbox.pay(p[2]);
            await().atMost(Duration.ofSeconds(15)).until(() -> Sandbox.deliveries(p[2]).size() >= 4);
        } finally {
            Sandbox.resetFaults();
        }
        for (Map<String, Object> delivery : Sandbox.deliveries(p[2])) {
            assertEquals("success", delivery.get("responseBody"), delivery.toString());
        }
        // A replay of the applied notification (here signed by the SDK for the same trade) is still "success".
        AlipayNotify replay = new AlipayNotify(p[2], "12.00", appId, sellerId);
        replay.params.put("trade_no", Sandbox.trade(p[2]).getString("transactionId"));
        assertEquals("success", replay.sign().post().then().statusCode(200).extract().asString());
        replay.params.put("trade_status", "TRADE_FINISHED");
        assertEquals("success", replay.sign().post().asString());

        assertEquals(PaymentState.SUCCESS, Db.payment(p[2]).state);
        assertEquals(1, Db.transitions(p[2]).size());
        assertEquals(1, Db.outbox(p[1]).size());
        List<ConsumerRecord<String, String>> records = paymentEvents.settled(p[1], found -> found.size() >= 1,
                Duration.ofSeconds(20));
        assertEquals(1, records.size());
    }

    @Test
    void aNotificationSignedByTheSdkIsAccepted() {
        String[] p = alipayPayment(1, null);
        AlipayNotify n = new AlipayNotify(p[2], "0.01", appId, sellerId);
        assertEquals("success", n.sign().post().then().statusCode(200).extract().asString());
        Payment paid = Db.payment(p[2]);
        assertEquals(PaymentState.SUCCESS, paid.state);
        assertEquals(n.params.get("trade_no"), paid.transactionId);
        assertEquals(Instant.parse("2026-11-24T02:34:56Z"), paid.paidAt);
    }

    @Test
    void forgedSignatureIsRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var otherKey = generator.generateKeyPair().getPrivate();
        rejected(n -> n.signingKey = otherKey, false);
        // logged and counted like the WeChat ones
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString(
                "payment_notifications_rejected_total{provider=\"alipay\",reason=\"bad_signature\""));
    }

    @Test
    void tamperedAfterSigningIsRejected() {
        rejected(n -> n.params.put("total_amount", "0.01"), true);
        // a field our checks do not look at: only the signature notices
        rejected(n -> n.params.put("gmt_payment", "2026-11-24 10:34:57"), true);
    }

    @Test
    void anAlipayQueryAnswerThatDoesNotVerifyOrClaimsAnotherAmountIsNeverBooked() throws Exception {
        List<Map<String, Object>> faults = List.of(Map.of("badAnswerSignature", true), Map.of("queryAmount", "one-fen-more"),
                Map.of("queryAmount", "absent"));
        for (Map<String, Object> fault : faults) {
            String[] p = alipayPayment(1800, null);
            Sandbox.openCashier(p[3]);
            Sandbox.payWithoutNotification(p[2]); // paid at Alipay, only alipay.trade.query can tell
            Db.update("createdAt = ?1 where paySn = ?2", Instant.now().minusSeconds(60), p[2]);
            try {
                Sandbox.faults(fault);
                Api.pollsStayNotPaid(p);
                assertEquals(0, Db.transitions(p[2]).size(), fault.toString());
                assertEquals(0, Db.outbox(p[1]).size(), fault.toString());
            } finally {
                Sandbox.resetFaults();
            }
            Api.awaitPolledSuccess(p);
            assertEquals(1, Db.outbox(p[1]).size());
        }
    }

    @Test
    void wrongAmountIsAnAlertNeverPaid() {
        String paySn = rejected(n -> n.params.put("total_amount", "15.01"), false);
        assertEquals(1, Db.alerts(paySn).size());
        assertEquals("AMOUNT_MISMATCH", Db.alerts(paySn).get(0).kind);
    }

    @Test
    void wrongAppOrSellerIsRejected() {
        rejected(n -> n.params.put("app_id", "2021000000000000"), false);
        rejected(n -> n.params.put("seller_id", "2088000000000000"), false);
    }

    @Test
    void malformedNotificationsAreRejected() {
        String[] p = alipayPayment(1500, null);
        // no signature, unknown sign_type, unreadable amount (correctly signed), unknown status, garbage, empty
        AlipayNotify unsigned = new AlipayNotify(p[2], "15.00", appId, sellerId);
        assertEquals("failure", unsigned.post().asString());
        AlipayNotify rsa1 = new AlipayNotify(p[2], "15.00", appId, sellerId).sign();
        rsa1.params.put("sign_type", "RSA");
        assertEquals("failure", rsa1.post().asString());
        AlipayNotify amount = new AlipayNotify(p[2], "15.00", appId, sellerId);
        amount.params.put("total_amount", "fifteen");
        assertEquals("failure", amount.sign().post().asString());
        AlipayNotify status = new AlipayNotify(p[2], "15.00", appId, sellerId);
        status.params.put("trade_status", "TRADE_PENDING");
        assertEquals("failure", status.sign().post().asString());
        assertEquals("failure", AlipayNotify.post("%%%not=a&form%").asString());
        assertEquals("failure", AlipayNotify.post("").asString());
        assertEquals("failure", AlipayNotify.post("{\"out_trade_no\":\"" + p[2] + "\"}").asString());
        // an out_trade_no we never issued, genuinely signed
        assertEquals("failure", new AlipayNotify("P" + System.nanoTime(), "15.00", appId, sellerId).sign().post().asString());
        unchanged(p[2]);
    }

    @Test
    void pollingQueriesAlipayWhenTheNotificationNeverComes() {
        String[] p = alipayPayment(3000, null);
        Sandbox.openCashier(p[3]);
        try {
            Sandbox.faults(Map.of("dropNotifications", true));
            Sandbox.pay(p[2]);
        } finally {
            Sandbox.resetFaults();
        }
        String token = DevTokens.user(p[0]);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> "SUCCESS".equals(Api.getPayment(token, p[2]).path("state")));
        assertTrue(Sandbox.deliveries(p[2]).isEmpty());
        Payment paid = Db.payment(p[2]);
        assertEquals(Sandbox.trade(p[2]).getString("transactionId"), paid.transactionId);
        assertNotNull(paid.paidAt);
        List<PaymentTransition> log = Db.transitions(p[2]);
        assertEquals(1, log.size());
        assertTrue(log.get(0).source == TransitionSource.POLL || log.get(0).source == TransitionSource.QUERY, log.get(0).source.name());
        assertEquals(1, Db.outbox(p[1]).size());
    }

    @Test
    void anExpiredPaymentIsClosedAtAlipayAndHere() throws Exception {
        String[] opened = alipayPayment(700, null);
        Sandbox.openCashier(opened[3]);
        String[] neverOpened = alipayPayment(800, null);
        Instant past = Instant.now().minusSeconds(60);
        Db.update("expireAt = ?1 where paySn in (?2, ?3)", past, opened[2], neverOpened[2]);

        await().atMost(Duration.ofSeconds(20)).until(() -> Db.payment(opened[2]).state == PaymentState.CLOSED
                && Db.payment(neverOpened[2]).state == PaymentState.CLOSED);
        assertEquals("CLOSED", Sandbox.trade(opened[2]).getString("state"));
        List<ConsumerRecord<String, String>> records = paymentEvents.settled(opened[1], found -> found.size() >= 1,
                Duration.ofSeconds(20));
        assertEquals("PAYMENT_CLOSED", JSON.readTree(records.get(0).value()).path("type").asText());
        // A closed trade can no longer be paid at Alipay.
        given().contentType("application/json").body(Map.of("outTradeNo", opened[2], "outcome", "SUCCESS"))
                .post(Sandbox.url() + "/sandbox/pay").then().statusCode(409);
    }

    @Test
    void aCashierPaidAfterOurCloseFoundNoTradeIsALateSuccessPublishedOnce() throws Exception {
        // Never opened: the trade does not exist at Alipay, so closing it answers ACQ.TRADE_NOT_EXIST and we close.
        String[] p = alipayPayment(900, null);
        Db.update("expireAt = ?1 where paySn = ?2", Instant.now().minusSeconds(60), p[2]);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.payment(p[2]).state == PaymentState.CLOSED);
        assertFalse(Db.payment(p[2]).paidAfterClose);

        // The buyer still has the signed URL: the cashier opens and takes the money, Alipay notifies (three times).
        assertEquals(200, Sandbox.openCashier(p[3]).statusCode());
        try {
            Sandbox.faults(Map.of("duplicateNotifications", 2));
            Sandbox.pay(p[2]);
            await().atMost(Duration.ofSeconds(15)).until(() -> Sandbox.deliveries(p[2]).size() >= 3);
        } finally {
            Sandbox.resetFaults();
        }
        for (Map<String, Object> delivery : Sandbox.deliveries(p[2])) {
            assertEquals("success", delivery.get("responseBody"), "acknowledged: " + delivery);
        }
        Payment paid = Db.payment(p[2]);
        assertEquals(PaymentState.SUCCESS, paid.state);
        assertTrue(paid.paidAfterClose);
        assertEquals(Sandbox.trade(p[2]).getString("transactionId"), paid.transactionId);
        assertEquals(List.of(PaymentState.CLOSED, PaymentState.SUCCESS), Db.transitions(p[2]).stream().map(t -> t.to).toList());
        // PAYMENT_SUCCEEDED goes out once after PAYMENT_CLOSED: order's late-payment path refunds it.
        List<ConsumerRecord<String, String>> records = paymentEvents.settled(p[1], found -> found.size() >= 2,
                Duration.ofSeconds(20));
        List<String> types = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            types.add(JSON.readTree(r.value()).path("type").asText());
        }
        assertEquals(List.of("PAYMENT_CLOSED", "PAYMENT_SUCCEEDED"), types);
        assertEquals(List.of("LATE_SUCCESS"), Db.alerts(p[2]).stream().map(a -> a.kind).toList());
    }

    private String rejected(Consumer<AlipayNotify> breakIt, boolean afterSigning) {
        String[] p = alipayPayment(1500, null);
        AlipayNotify n = new AlipayNotify(p[2], "15.00", appId, sellerId);
        if (afterSigning) {
            n.sign();
            breakIt.accept(n);
        } else {
            breakIt.accept(n);
            n.sign();
        }
        Response answer = n.post();
        answer.then().statusCode(200);
        assertEquals("failure", answer.asString());
        unchanged(p[2]);
        return p[2];
    }

    private static void unchanged(String paySn) {
        Payment p = Db.payment(paySn);
        assertEquals(PaymentState.NOTPAY, p.state);
        assertNull(p.transactionId);
        assertEquals(0, Db.transitions(paySn).size());
        assertEquals(0, Db.outbox(p.orderSn).size());
    }
}
