package com.paygate.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The app's client of the platform's /api/apps API. Every call is signed with {@link RequestSigner}; calls are
 * synchronous and throw {@link PaygateException} when the platform does not answer 2xx. Thread-safe: build one per
 * app and share it.
 *
 * <pre>{@code
 * PaygateClient paygate = PaygateClient.builder()
 *         .baseUri(URI.create("https://paygate.example.com"))
 *         .appId("app_123").secret(secret)
 *         .build();
 * Payment payment = paygate.createPayment(CreatePayment.of("C1001", 990, "Coffee", "WECHAT_NATIVE"), "C1001");
 * }</pre>
 */
public final class PaygateClient {

    private static final String JSON = "application/json";
    /** Path segments are server-made ids; anything else could smuggle in "/", "..", "?" or "#". */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");

    private final String baseUri;
    private final RequestSigner signer;
    private final HttpClient http;
    private final Duration timeout;

    private PaygateClient(Builder b) {
        String base = Objects.requireNonNull(b.baseUri, "baseUri").toString();
        this.baseUri = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.signer = new RequestSigner(b.appId, b.secret, b.clock);
        this.timeout = Objects.requireNonNull(b.timeout, "timeout");
        this.http = b.httpClient != null ? b.httpClient : HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates a payment; see {@link #createPayment(CreatePayment, String)} to make retries safe. */
    public Payment createPayment(CreatePayment request) {
        return createPayment(request, null);
    }

    /**
     * Creates a payment, or answers the open payment already made for the same request (the platform answers 201 or
     * 200; both give the payment).
     *
     * @param idempotencyKey sent as Idempotency-Key when not null, so a retry after a lost answer cannot pay twice
     */
    public Payment createPayment(CreatePayment request, String idempotencyKey) {
        Objects.requireNonNull(request, "request");
        return call("POST", "/api/apps/payments", toJson(request), idempotencyKey, type(Payment.class));
    }

    public Payment getPayment(String paySn) {
        return call("GET", "/api/apps/payments/" + segment(paySn), "", null, type(Payment.class));
    }

    /** Every payment of one of the app's orders, e.g. to find the one to close or refund. */
    public List<Payment> paymentsOf(String bizOrderNo) {
        Objects.requireNonNull(bizOrderNo, "bizOrderNo");
        return call("GET", "/api/apps/payments?bizOrderNo=" + queryValue(bizOrderNo), "", null, listOf(Payment.class));
    }

    /** Closes an unpaid payment so the payer can no longer pay it. */
    public Payment closePayment(String paySn) {
        return call("POST", "/api/apps/payments/" + segment(paySn) + "/close", "", null, type(Payment.class));
    }

    /**
     * Refunds (part of) a payment.
     *
     * @param idempotencyKey required: a retry with the same key answers the first refund instead of refunding twice
     */
    public Refund refund(String paySn, long amountFen, String reason, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("a refund needs an idempotency key, so a retry cannot refund twice");
        }
        String body = toJson(new RefundRequest(amountFen, reason));
        return call("POST", "/api/apps/payments/" + segment(paySn) + "/refunds", body, idempotencyKey,
                type(Refund.class));
    }

    public List<Refund> refunds(String paySn) {
        return call("GET", "/api/apps/payments/" + segment(paySn) + "/refunds", "", null, listOf(Refund.class));
    }

    /** The app's recent webhook deliveries, to see which ones its endpoint failed and why. */
    public List<WebhookDelivery> webhookDeliveries() {
        return call("GET", "/api/apps/webhook-deliveries", "", null, listOf(WebhookDelivery.class));
    }

    /** Delivers an event again (e.g. after fixing the app's endpoint). */
    public WebhookDelivery resendWebhook(String eventId) {
        return call("POST", "/api/apps/webhook-deliveries/" + segment(eventId) + "/resend", "", null,
                type(WebhookDelivery.class));
    }

    /** Sends one signed request; the body string is signed and sent as the same UTF-8 bytes. */
    private <T> T call(String method, String pathAndQuery, String body, String idempotencyKey, JavaType answer) {
        URI uri = URI.create(baseUri + pathAndQuery);
        String signedPath = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", JSON)
                .method(method, body.isEmpty()
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        signer.headers(method, signedPath, body).forEach(request::header);
        if (!body.isEmpty()) {
            request.header("Content-Type", JSON);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() / 100 != 2) {
            throw PaygateException.fromResponse(response.statusCode(), response.body());
        }
        try {
            return Json.MAPPER.readValue(response.body(), answer);
        } catch (JsonProcessingException e) {
            throw new PaygateException(response.statusCode(), null, "unreadable answer: " + e.getOriginalMessage(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw PaygateException.ioError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PaygateException.ioError(e);
        }
    }

    private static String segment(String value) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new IllegalArgumentException("not an id (only A-Z a-z 0-9 _ - allowed): " + value);
        }
        return value;
    }

    /** Percent-encodes a query value; spaces become %20 rather than "+" so no server can read them differently. */
    private static String queryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String toJson(Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize the request body", e);
        }
    }

    private static JavaType type(Class<?> type) {
        return Json.MAPPER.constructType(type);
    }

    private static JavaType listOf(Class<?> element) {
        return Json.MAPPER.getTypeFactory().constructCollectionType(List.class, element);
    }

    private record RefundRequest(long amountFen, String reason) {
    }

    /** Collects the client's settings; baseUri, appId and secret are required. */
    public static final class Builder {

        private URI baseUri;
        private String appId;
        private String secret;
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private Duration timeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** The platform's root, e.g. {@code https://paygate.example.com}; the /api/apps paths are added to it. */
        public Builder baseUri(URI baseUri) {
            this.baseUri = baseUri;
            return this;
        }

        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        /** A shared HttpClient (proxy, TLS, executor); by default the client builds its own. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** The source of the Paygate-Timestamp; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The limit on each request (and on connecting, for the built-in HttpClient); 10 seconds by default. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public PaygateClient build() {
            return new PaygateClient(this);
        }
    }
}
