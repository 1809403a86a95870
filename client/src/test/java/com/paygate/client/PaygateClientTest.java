package com.paygate.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the client against a real HTTP server that records what arrives and answers what each test sets. */
class PaygateClientTest {

    private static final String APP_ID = "app_1";
    private static final String SECRET = "s3cr3t";
    private static final long NOW = 1_700_000_000L;
    private static final String PAYMENT = "{\"paySn\":\"P1\",\"appId\":\"app_1\",\"bizOrderNo\":\"C1\","
            + "\"channel\":\"WECHAT_NATIVE\",\"state\":\"PENDING\",\"amountFen\":990,\"refundedFen\":0,"
            + "\"subject\":\"Coffee\",\"paidAfterClose\":false,\"createdAt\":\"2023-11-14T22:13:20Z\","
            + "\"prepay\":{\"codeUrl\":\"weixin://wxpay/x\"},\"addedLater\":true}";

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int answerStatus = 200;
    private volatile String answerType = "application/json";
    private volatile String answerBody = PAYMENT;
    private HttpServer server;
    private PaygateClient client;

    /** One request as the server saw it. */
    record Received(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {

        String pathAndQuery() {
            return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        client = clientFor(server);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        received.add(new Received(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
        byte[] body = answerBody.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answerType);
        exchange.sendResponseHeaders(answerStatus, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static PaygateClient clientFor(HttpServer server) {
        return PaygateClient.builder()
                .baseUri(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                .appId(APP_ID)
                .secret(SECRET)
                .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
                .timeout(Duration.ofSeconds(5))
                .build();
    }

    private void answer(int status, String contentType, String body) {
        answerStatus = status;
        answerType = contentType;
        answerBody = body;
    }

    private Received only() {
        assertEquals(1, received.size(), "requests received");
        return received.get(0);
    }

    /** What a server does: recompute the signature from the received request and compare. */
    private static void assertSigned(Received request) {
        Headers h = request.headers();
        assertEquals(APP_ID, h.getFirst(RequestSigner.APP_ID));
        assertEquals(Long.toString(NOW), h.getFirst(RequestSigner.TIMESTAMP));
        assertTrue(h.getFirst(RequestSigner.NONCE).matches("[0-9a-f]{32}"), h.getFirst(RequestSigner.NONCE));
        String expected = RequestSigner.signature(SECRET, request.method(), request.pathAndQuery(),
                Long.parseLong(h.getFirst(RequestSigner.TIMESTAMP)), h.getFirst(RequestSigner.NONCE), request.bodyText());
        assertEquals(expected, h.getFirst(RequestSigner.SIGNATURE));
    }

    @Test
    void createPaymentSendsASignedJsonBodyWithTheIdempotencyKey() throws IOException {
        answer(201, "application/json", PAYMENT);
        CreatePayment request = CreatePayment.of("C1", 990, "Coffee", "WECHAT_NATIVE")
                .withExpireAt(Instant.parse("2023-11-14T22:43:20Z"))
                .withMetadata(Map.of("table", "7"));

        Payment payment = client.createPayment(request, "order-C1");

        Received r = only();
        assertEquals("POST", r.method());
        assertEquals("/api/apps/payments", r.pathAndQuery());
        assertEquals("order-C1", r.headers().getFirst("Idempotency-Key"));
        assertEquals("application/json", r.headers().getFirst("Content-Type"));
        assertSigned(r);
        JsonNode sent = Json.MAPPER.readTree(r.body());
        assertEquals("C1", sent.get("bizOrderNo").asText());
        assertEquals(990, sent.get("amountFen").asLong());
        assertEquals("2023-11-14T22:43:20Z", sent.get("expireAt").asText());
        assertEquals("7", sent.get("metadata").get("table").asText());
        assertFalse(sent.has("openid"), "null fields are left out: " + sent);
        assertEquals("P1", payment.paySn());
        assertEquals(990, payment.amountFen());
        assertEquals(Instant.parse("2023-11-14T22:13:20Z"), payment.createdAt());
        assertEquals("weixin://wxpay/x", payment.prepay().get("codeUrl"));
    }

    @Test
    void createPaymentWithoutAKeySendsNone() {
        client.createPayment(CreatePayment.of("C1", 990, "Coffee", "WECHAT_NATIVE"));

        assertNull(only().headers().getFirst("Idempotency-Key"));
    }

    @Test
    void bodilessCallsSignAnEmptyBody() {
        assertEquals("P1", client.getPayment("P1").paySn());
        client.closePayment("P1");

        Received get = received.get(0);
        assertEquals("GET", get.method());
        assertEquals("/api/apps/payments/P1", get.pathAndQuery());
        assertSigned(get);
        Received close = received.get(1);
        assertEquals("POST", close.method());
        assertEquals("/api/apps/payments/P1/close", close.pathAndQuery());
        assertEquals(0, close.body().length);
        assertSigned(close);
    }

    @Test
    void paymentsOfUrlEncodesTheOrderNumber() {
        answer(200, "application/json", "[" + PAYMENT + "]");

        List<Payment> payments = client.paymentsOf("C 1&state=PAID/é");

        Received r = only();
        assertEquals("/api/apps/payments", r.rawPath());
        assertEquals("bizOrderNo=C%201%26state%3DPAID%2F%C3%A9", r.rawQuery());
        assertSigned(r);
        assertEquals(List.of("P1"), payments.stream().map(Payment::paySn).toList());
    }

    @Test
    void refundSendsAmountReasonAndKey() throws IOException {
        answer(201, "application/json", "{\"refundSn\":\"R1\",\"paySn\":\"P1\",\"amountFen\":100,"
                + "\"state\":\"PROCESSING\",\"reason\":\"broken cup\",\"createdAt\":\"2023-11-14T22:13:20Z\"}");

        Refund refund = client.refund("P1", 100, "broken cup", "refund-1");

        Received r = only();
        assertEquals("/api/apps/payments/P1/refunds", r.pathAndQuery());
        assertEquals("refund-1", r.headers().getFirst("Idempotency-Key"));
        assertEquals(Json.MAPPER.readTree("{\"amountFen\":100,\"reason\":\"broken cup\"}"), Json.MAPPER.readTree(r.body()));
        assertSigned(r);
        assertEquals("R1", refund.refundSn());
        assertEquals(100, refund.amountFen());
    }

    @Test
    void refundWithoutAnIdempotencyKeyIsRefusedBeforeAnyRequest() {
        assertThrows(IllegalArgumentException.class, () -> client.refund("P1", 100, "x", null));
        assertThrows(IllegalArgumentException.class, () -> client.refund("P1", 100, "x", " "));

        assertTrue(received.isEmpty(), "requests sent: " + received.size());
    }

    @Test
    void pathSegmentsOutsideTheIdAlphabetAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> client.getPayment("../webhook-deliveries"));
        assertThrows(IllegalArgumentException.class, () -> client.refunds("P1?x=1"));
        assertThrows(IllegalArgumentException.class, () -> client.resendWebhook("evt/1"));

        assertTrue(received.isEmpty(), "requests sent: " + received.size());
    }

    @Test
    void webhookDeliveriesAndResend() {
        String delivery = "{\"eventId\":\"evt-1\",\"type\":\"payment.succeeded\",\"state\":\"FAILED\",\"attempts\":2,"
                + "\"lastStatus\":500,\"lastError\":\"HTTP 500\",\"createdAt\":\"2023-11-14T22:13:20Z\","
                + "\"attemptLog\":[{\"attempt\":1,\"at\":\"2023-11-14T22:13:21Z\",\"latencyMs\":30,"
                + "\"error\":\"connect refused\"},{\"attempt\":2,\"at\":\"2023-11-14T22:14:21Z\",\"status\":500,"
                + "\"latencyMs\":12}]}";
        answer(200, "application/json", "[" + delivery + "]");

        List<WebhookDelivery> deliveries = client.webhookDeliveries();
        answer(202, "application/json", delivery);
        WebhookDelivery resent = client.resendWebhook("evt-1");

        WebhookDelivery.Attempt first = deliveries.get(0).attemptLog().get(0);
        assertNull(first.status());
        assertEquals("connect refused", first.error());
        assertEquals(500, deliveries.get(0).attemptLog().get(1).status());
        assertEquals("evt-1", resent.eventId());
        assertEquals("/api/apps/webhook-deliveries", received.get(0).pathAndQuery());
        assertSigned(received.get(0));
        assertEquals("/api/apps/webhook-deliveries/evt-1/resend", received.get(1).pathAndQuery());
        assertEquals("POST", received.get(1).method());
        assertSigned(received.get(1));
    }

    @Test
    void aProblemBodyBecomesItsStatusAndCode() {
        answer(409, "application/problem+json",
                "{\"status\":409,\"title\":\"Conflict\",\"code\":\"PAYMENT_IN_PROGRESS\",\"detail\":\"C1 is being paid\"}");

        PaygateException e = assertThrows(PaygateException.class,
                () -> client.createPayment(CreatePayment.of("C1", 990, "Coffee", "WECHAT_NATIVE")));

        assertEquals(409, e.status());
        assertEquals("PAYMENT_IN_PROGRESS", e.code());
        assertEquals("C1 is being paid", e.detail());
        assertEquals("HTTP 409 PAYMENT_IN_PROGRESS: C1 is being paid", e.getMessage());
    }

    @Test
    void aNonJsonErrorStillBecomesAPaygateException() {
        String html = "<html><body>" + "Bad Gateway ".repeat(40) + "</body></html>";
        answer(502, "text/html", html);

        PaygateException e = assertThrows(PaygateException.class, () -> client.getPayment("P1"));

        assertEquals(502, e.status());
        assertNull(e.code());
        assertEquals(html.substring(0, 200), e.detail());
    }

    @Test
    void noAnswerIsAnIoError() {
        server.stop(0);

        PaygateException e = assertThrows(PaygateException.class, () -> client.getPayment("P1"));

        assertEquals(0, e.status());
        assertEquals(PaygateException.IO_ERROR, e.code());
    }

    @Test
    void anInterruptedCallKeepsTheInterruptFlag() {
        Thread.currentThread().interrupt();

        PaygateException e = assertThrows(PaygateException.class, () -> client.getPayment("P1"));

        assertTrue(Thread.interrupted(), "the interrupt flag is restored");
        assertEquals(0, e.status());
        assertEquals(PaygateException.IO_ERROR, e.code());
        assertTrue(e.getCause() instanceof InterruptedException, String.valueOf(e.getCause()));
    }
}
