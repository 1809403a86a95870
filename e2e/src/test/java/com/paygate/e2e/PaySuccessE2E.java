package com.paygate.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pay-success story of deploy/local/pay demo, checked: order -> payment -> provider (sandbox) -> callback ->
 * payment-events -> order WAIT_USE with a redeem code -> order-events -> the user's WeChat message. Every hop is a
 * real process, the real MariaDB and the real Kafka.
 */
class PaySuccessE2E extends PlatformE2E {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @ParameterizedTest
    @ValueSource(strings = { "WECHAT_JSAPI", "WECHAT_H5", "WECHAT_NATIVE", "ALIPAY_WAP", "ALIPAY_QR", "ALIPAY_PC" })
    void paidOrderIsReadyToUseAndTheUserIsTold(String channel) throws Exception {
        TopicTail paymentEvents = TopicTail.startingNow(platform.kafka(), "payment-events");
        String user = "e2e-" + UUID.randomUUID();
        String openid = "o-" + UUID.randomUUID();
        String token = DevTokens.user(user, openid);

        JsonNode order = call("POST", platform.url(platform.orderPort) + "/api/orders", token,
                Map.of("productId", 3, "quantity", 2), 201);
        String orderSn = order.get("orderSn").asText();
        long amountFen = order.get("amountFen").asLong();
        assertEquals(2 * 12800, amountFen, "priced by the server from the catalog");

        JsonNode payment = call("POST", platform.url(platform.paymentPort) + "/api/payments", token,
                Map.of("orderSn", orderSn, "channel", channel, "returnUrl", "http://127.0.0.1/done"), 201);
        String paySn = payment.get("paySn").asText();
        assertEquals("NOTPAY", payment.get("state").asText());
        assertEquals(amountFen, payment.get("amountFen").asLong());
        JsonNode prepay = payment.get("prepay");
        switch (channel) {
            case "WECHAT_JSAPI" -> assertTrue(prepay.get("package").asText().startsWith("prepay_id="));
            case "WECHAT_H5" -> assertTrue(prepay.get("h5Url").asText().startsWith("http"));
            case "WECHAT_NATIVE" -> assertTrue(prepay.get("codeUrl").asText().startsWith("weixin://"));
            // precreate made the trade: the code is what the payer scans.
            case "ALIPAY_QR" -> assertTrue(prepay.get("qrCode").asText().startsWith("https://qr.alipay.com/"));
            default -> {
                // The payer's browser opens the cashier: that is when Alipay learns of the trade.
                String payUrl = prepay.get("payUrl").asText();
                HttpResponse<String> cashier = HTTP.send(HttpRequest.newBuilder(URI.create(payUrl)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, cashier.statusCode(), cashier.body());
            }
        }

        call("POST", platform.url(platform.sandboxPort) + "/sandbox/pay", null,
                Map.of("outTradeNo", paySn, "outcome", "SUCCESS"), -1);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                "SUCCESS".equals(call("GET", platform.url(platform.paymentPort) + "/api/payments/" + paySn, token, null, 200)
                        .get("state").asText()));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                "WAIT_USE".equals(call("GET", platform.url(platform.orderPort) + "/api/orders/" + orderSn, token, null, 200)
                        .get("state").asText()));
        JsonNode paidOrder = call("GET", platform.url(platform.orderPort) + "/api/orders/" + orderSn, token, null, 200);
        assertEquals(paySn, paidOrder.get("paySn").asText());
        assertFalse(paidOrder.get("redeemCode").asText().isBlank());

        String messages = platform.url(platform.sandboxPort) + "/sandbox/messages?touser="
                + URLEncoder.encode(openid, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                call("GET", messages, null, null, 200).toString().contains(orderSn));
        JsonNode received = call("GET", messages, null, null, 200);
        assertEquals(1, received.size(), "one message per paid order");
        assertTrue(received.toString().contains(paidOrder.get("redeemCode").asText()), "the message carries the redeem code");

        assertEquals(1, paymentEvents.settled(orderSn).stream()
                .filter(r -> r.value().contains("PAYMENT_SUCCEEDED")).count(), "exactly one pay-success event");

        // One trace from the provider's callback to the user's message: payment's transition (in the callback's
        // request), order's (consuming payment-events), the notifier's send (consuming order-events). Each line
        // carries its trace id.
        String[] traces = new String[3];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            traces[0] = platform.traceOf("payment", "payment " + paySn + ": ", "--> SUCCESS");
            traces[1] = platform.traceOf("order", "order " + orderSn + ": ", "--> WAIT_USE");
            traces[2] = platform.traceOf("notifier", "Order " + orderSn + ": notification", " sent via wechat");
            return traces[0] != null && traces[1] != null && traces[2] != null;
        });
        assertTrue(traces[0].matches("[0-9a-f]{32}") && !traces[0].matches("0+"), "a trace id: " + traces[0]);
        assertEquals(traces[0], traces[1], "order continued the payment's trace");
        assertEquals(traces[0], traces[2], "the notifier continued it too");
    }

    /** expectedStatus -1 accepts any 2xx. */
    static JsonNode call(String method, String url, String token, Object body, int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", DevTokens.bearer(token));
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        boolean ok = expectedStatus == -1 ? response.statusCode() / 100 == 2 : response.statusCode() == expectedStatus;
        if (!ok) {
            throw new AssertionError(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
