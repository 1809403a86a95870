package com.paygate.e2e;

import static com.paygate.e2e.PaySuccessE2E.call;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.paygate.testing.DevTokens;
import com.paygate.testing.TopicTail;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The refund story across the four applications: a paid order, the owner asks for a refund (order -> order-events),
 * payment refunds at the provider (sandbox) and publishes REFUND_SUCCEEDED (payment-events), the order ends
 * REFUNDED and the notifier tells the user what came back.
 */
class RefundE2E extends PlatformE2E {

    @ParameterizedTest
    @ValueSource(strings = { "WECHAT_NATIVE", "ALIPAY_WAP", "ALIPAY_QR" })
    void ownerRefundEndsRefundedAndTheUserIsTold(String channel) throws Exception {
        TopicTail paymentEvents = TopicTail.startingNow(platform.kafka(), "payment-events");
        String user = "e2e-refund-" + UUID.randomUUID();
        String openid = "o-" + UUID.randomUUID();
        String token = DevTokens.user(user, openid);
        String order = platform.url(platform.orderPort);
        String payment = platform.url(platform.paymentPort);
        String sandbox = platform.url(platform.sandboxPort);

        String[] paid = paidOrder(channel, token);
        String orderSn = paid[0];
        String paySn = paid[1];
        long amountFen = Long.parseLong(paid[2]);

        JsonNode refunding = call("POST", order + "/api/orders/" + orderSn + "/refund", token,
                Map.of("reason", "plans changed"), 200);
        assertEquals("REFUNDING", refunding.get("state").asText());

        awaitOrderState(order, orderSn, token, "REFUNDED");
        JsonNode refundedPayment = call("GET", payment + "/api/payments/" + paySn, token, null, 200);
        assertEquals("REFUND", refundedPayment.get("state").asText());
        assertEquals(amountFen, refundedPayment.get("refundedFen").asLong(), "refunded in full, from the server's amount");

        assertEquals(1, paymentEvents.settled(orderSn).stream()
                .filter(r -> r.value().contains("REFUND_SUCCEEDED")).count(), "exactly one refund event");

        String messages = sandbox + "/sandbox/messages?orderSn=" + URLEncoder.encode(orderSn, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                call("GET", messages, null, null, 200).toString().contains("sandbox-order-refunded"));
        JsonNode received = call("GET", messages, null, null, 200);
        assertEquals(2, received.size(), "one message for the payment, one for the refund");
        assertTrue(received.toString().contains(openid), "sent to the payer's openid");
    }

    @Test
    void paymentThatLandsAfterTheOrderWasCancelledIsRefundedAutomatically() throws Exception {
        String token = DevTokens.user("e2e-late-" + UUID.randomUUID(), "o-" + UUID.randomUUID());
        String order = platform.url(platform.orderPort);
        String payment = platform.url(platform.paymentPort);
        String sandbox = platform.url(platform.sandboxPort);

        String orderSn = call("POST", order + "/api/orders", token, Map.of("productId", 3, "quantity", 1), 201)
                .get("orderSn").asText();
        String paySn = call("POST", payment + "/api/payments", token,
                Map.of("orderSn", orderSn, "channel", "WECHAT_NATIVE"), 201).get("paySn").asText();
        // The payer pays but WeChat's notification is lost; the user cancels the order before anyone knows.
        call("POST", sandbox + "/sandbox/faults", null, Map.of("dropNotifications", true), -1);
        try {
            call("POST", sandbox + "/sandbox/pay", null, Map.of("outTradeNo", paySn, "outcome", "SUCCESS"), -1);
        } finally {
            call("DELETE", sandbox + "/sandbox/faults", null, null, -1);
        }
        assertEquals("CANCELLED", call("POST", order + "/api/orders/" + orderSn + "/cancel", token, null, 200)
                .get("state").asText());

        // Payment closes the cancelled order's payment, learns from the provider it was paid, the order flags the
        // late payment and asks for a refund, and the money goes back: nobody pays for a cancelled order.
        awaitOrderState(order, orderSn, token, "REFUNDED");
        JsonNode paid = call("GET", payment + "/api/payments/" + paySn, token, null, 200);
        assertEquals("REFUND", paid.get("state").asText());
        assertEquals(paid.get("amountFen").asLong(), paid.get("refundedFen").asLong());
    }

    @Test
    void anAlipayCashierPaidAfterTheOrderWasCancelledIsALateSuccessRefundedOnce() throws Exception {
        String token = DevTokens.user("e2e-late-alipay-" + UUID.randomUUID(), "o-" + UUID.randomUUID());
        String order = platform.url(platform.orderPort);
        String payment = platform.url(platform.paymentPort);
        String sandbox = platform.url(platform.sandboxPort);
        String orderSn = call("POST", order + "/api/orders", token, Map.of("productId", 3, "quantity", 1), 201)
                .get("orderSn").asText();
        JsonNode paying = call("POST", payment + "/api/payments", token,
                Map.of("orderSn", orderSn, "channel", "ALIPAY_WAP", "returnUrl", "http://127.0.0.1/done"), 201);
        String paySn = paying.get("paySn").asText();

        // Cancelled before the payer opened the cashier: Alipay has no trade, so the close finds none and we close.
        call("POST", order + "/api/orders/" + orderSn + "/cancel", token, null, 200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                "CLOSED".equals(call("GET", payment + "/api/payments/" + paySn, token, null, 200).get("state").asText()));

        // The payer still has the signed URL: the cashier opens (the trade is created) and takes the money.
        openCashier(paying);
        call("POST", sandbox + "/sandbox/pay", null, Map.of("outTradeNo", paySn, "outcome", "SUCCESS"), -1);

        // Money after close is a late success: published, flagged LATE_PAYMENT by order, refunded exactly once.
        awaitOrderState(order, orderSn, token, "REFUNDED");
        JsonNode refunded = call("GET", payment + "/api/payments/" + paySn, token, null, 200);
        assertEquals("REFUND", refunded.get("state").asText());
        assertTrue(refunded.get("paidAfterClose").asBoolean());
        assertEquals(refunded.get("amountFen").asLong(), refunded.get("refundedFen").asLong());
        JsonNode refunds = call("GET", sandbox + "/sandbox/transactions/" + paySn + "/refunds", null, null, 200);
        assertEquals(1, refunds.size(), "one refund at Alipay: " + refunds);
    }

    @Test
    void aRefundAlipayRefusesGivesTheOwnerThePaidOrderBackAndTheNextRequestSucceeds() throws Exception {
        String token = DevTokens.user("e2e-refused-" + UUID.randomUUID(), "o-" + UUID.randomUUID());
        String order = platform.url(platform.orderPort);
        String payment = platform.url(platform.paymentPort);
        String sandbox = platform.url(platform.sandboxPort);
        String[] paid = paidOrder("ALIPAY_WAP", token);
        String orderSn = paid[0];
        String redeemCode = call("GET", order + "/api/orders/" + orderSn, token, null, 200).get("redeemCode").asText();

        // Alipay refuses the refund (ACQ.SELLER_BALANCE_NOT_ENOUGH): REFUND_FAILED, and the order is the owner's again.
        call("POST", sandbox + "/sandbox/faults", null, Map.of("refundFail", true), -1);
        try {
            assertEquals("REFUNDING", call("POST", order + "/api/orders/" + orderSn + "/refund", token,
                    Map.of("reason", "plans changed"), 200).get("state").asText());
            awaitOrderState(order, orderSn, token, "WAIT_USE");
        } finally {
            call("DELETE", sandbox + "/sandbox/faults", null, null, -1);
        }
        JsonNode back = call("GET", order + "/api/orders/" + orderSn, token, null, 200);
        assertEquals(redeemCode, back.get("redeemCode").asText(), "still usable with the same code");
        assertEquals("SUCCESS", call("GET", payment + "/api/payments/" + paid[1], token, null, 200).get("state").asText(),
                "no money moved");
        String messages = sandbox + "/sandbox/messages?orderSn=" + URLEncoder.encode(orderSn, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                call("GET", messages, null, null, 200).toString().contains("sandbox-order-refund-failed"));

        // Asked again, once Alipay has the balance: refunded in full.
        call("POST", order + "/api/orders/" + orderSn + "/refund", token, Map.of("reason", "plans changed"), 200);
        awaitOrderState(order, orderSn, token, "REFUNDED");
        JsonNode refunded = call("GET", payment + "/api/payments/" + paid[1], token, null, 200);
        assertEquals(Long.parseLong(paid[2]), refunded.get("refundedFen").asLong());
    }

    /** orderSn, paySn and amountFen of a new order paid through {@code channel} at the sandbox, once it is WAIT_USE. */
    private static String[] paidOrder(String channel, String token) throws Exception {
        String order = platform.url(platform.orderPort);
        String payment = platform.url(platform.paymentPort);
        String sandbox = platform.url(platform.sandboxPort);
        JsonNode created = call("POST", order + "/api/orders", token, Map.of("productId", 3, "quantity", 1), 201);
        String orderSn = created.get("orderSn").asText();
        JsonNode paying = call("POST", payment + "/api/payments", token,
                Map.of("orderSn", orderSn, "channel", channel, "returnUrl", "http://127.0.0.1/done"), 201);
        String paySn = paying.get("paySn").asText();
        if (channel.equals("ALIPAY_WAP")) {
            // Alipay learns of the trade when the payer's browser opens the cashier.
            openCashier(paying);
        }
        call("POST", sandbox + "/sandbox/pay", null, Map.of("outTradeNo", paySn, "outcome", "SUCCESS"), -1);
        awaitOrderState(order, orderSn, token, "WAIT_USE");
        return new String[] { orderSn, paySn, created.get("amountFen").asText() };
    }

    /** The payer's browser opens the Alipay payment URL: the gateway verifies it and the trade exists from now on. */
    private static void openCashier(JsonNode paying) throws Exception {
        HttpResponse<String> cashier = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(paying.get("prepay").get("payUrl").asText())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, cashier.statusCode());
    }

    private static void awaitOrderState(String order, String orderSn, String token, String state) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                state.equals(call("GET", order + "/api/orders/" + orderSn, token, null, 200).get("state").asText()));
    }
}
