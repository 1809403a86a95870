package com.paygate.e2e.courses;

import com.paygate.client.CreatePayment;
import com.paygate.client.PaygateClient;
import com.paygate.client.Payment;
import com.paygate.client.Refund;
import com.paygate.client.WebhookEvent;
import com.paygate.client.WebhookSignatureException;
import com.paygate.client.Webhooks;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An example business line, as a team of the company would write it against the platform: a course shop that
 * prices its own enrolments, pays through the signed API with the client library, and learns the outcome only from
 * webhooks it verifies (signature, five-minute tolerance) and dedupes by event id. A few files, no framework.
 */
public final class CoursesApp implements AutoCloseable {

    /** The shop's price list (fen): its server prices an enrolment, never the browser. */
    private static final Map<String, Long> PRICES = Map.of("java-101", 19_900L, "sql-201", 9_900L);

    private final PaygateClient paygate;
    private final String appId;
    private final String secret;
    private final HttpServer server;
    private final Map<String, Enrolment> enrolments = new ConcurrentHashMap<>();
    private final Set<String> seenEvents = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> applied = new ConcurrentHashMap<>();
    private final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean down;

    public CoursesApp(URI paygateUrl, String appId, String secret) throws IOException {
        this.appId = appId;
        this.secret = secret;
        this.paygate = PaygateClient.builder().baseUri(paygateUrl).appId(appId).secret(secret).build();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/paygate/webhooks", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(receive(exchange.getRequestHeaders().getFirst(Webhooks.HEADER), body), -1);
            exchange.close();
        });
        server.start();
    }

    /** An enrolment and what the shop knows of its payment. */
    public record Enrolment(String enrolmentNo, String student, String course, long priceFen, String paySn, String state) {
        Enrolment with(String newState) {
            return new Enrolment(enrolmentNo, student, course, priceFen, paySn, newState);
        }
    }

    public String webhookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/paygate/webhooks";
    }

    /** A student enrols on a desktop: the shop prices the course and asks the platform for a code to scan. */
    public Payment enrol(String enrolmentNo, String student, String course) {
        return enrol(enrolmentNo, student, course, "WECHAT_NATIVE");
    }

    /**
     * A student enrols and pays through {@code channel}: in the shop's mini-program (JSAPI, with the student's
     * openid), a phone browser (H5 with the student's address, Alipay WAP), or a desktop (codes, Alipay's web cashier).
     */
    public Payment enrol(String enrolmentNo, String student, String course, String channel) {
        long price = PRICES.get(course);
        CreatePayment request = CreatePayment.of(enrolmentNo, price, "Course " + course, channel)
                .withMetadata(Map.of("student", student, "course", course))
                .withReturnUrl("http://127.0.0.1/courses/enrolments/" + enrolmentNo);
        if ("WECHAT_JSAPI".equals(channel)) {
            request = request.withOpenid("o-" + student);
        } else if ("WECHAT_H5".equals(channel)) {
            request = request.withPayerClientIp("203.0.113.7");
        }
        Payment payment = paygate.createPayment(request, "enrol-" + enrolmentNo);
        enrolments.put(enrolmentNo, new Enrolment(enrolmentNo, student, course, price, payment.paySn(), "AWAITING_PAYMENT"));
        return payment;
    }

    /** The student withdraws: the whole price back, once, whatever the number of clicks. */
    public Refund withdraw(String enrolmentNo) {
        Enrolment e = enrolments.get(enrolmentNo);
        return paygate.refund(e.paySn(), e.priceFen(), "withdrawn", "withdraw-" + enrolmentNo);
    }

    public Enrolment enrolment(String enrolmentNo) {
        return enrolments.get(enrolmentNo);
    }

    public String appId() {
        return appId;
    }

    public PaygateClient paygate() {
        return paygate;
    }

    /** While down, the endpoint answers 503 (the platform retries later). */
    public void down(boolean down) {
        this.down = down;
    }

    /** The event types applied to an enrolment, in the order they came (each event once). */
    public List<String> applied(String enrolmentNo) {
        return List.copyOf(applied.getOrDefault(enrolmentNo, List.of()));
    }

    public int deliveries() {
        return deliveries.get();
    }

    public int refused() {
        return refused.get();
    }

    private int receive(String signature, String body) {
        deliveries.incrementAndGet();
        if (down) {
            return 503;
        }
        WebhookEvent event;
        try {
            event = Webhooks.verify(signature, body, secret, Duration.ofMinutes(5));
        } catch (WebhookSignatureException e) {
            refused.incrementAndGet();
            return 400;
        }
        if (!seenEvents.add(event.id())) {
            return 200; // a repeat (at-least-once delivery): already applied
        }
        String enrolmentNo = event.data().get("bizOrderNo").asText();
        applied.computeIfAbsent(enrolmentNo, no -> new CopyOnWriteArrayList<>()).add(event.type());
        enrolments.computeIfPresent(enrolmentNo, (no, e) -> switch (event.type()) {
            case "payment.succeeded" -> e.with("ACTIVE");
            case "payment.closed", "payment.failed" -> e.with("CANCELLED");
            case "refund.succeeded" -> e.with("REFUNDED");
            default -> e;
        });
        return 200;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
