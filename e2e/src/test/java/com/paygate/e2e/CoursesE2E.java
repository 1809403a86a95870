package com.paygate.e2e;

import static com.paygate.e2e.PaySuccessE2E.call;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.paygate.client.Payment;
import com.paygate.client.Refund;
import com.paygate.client.Webhooks;
import com.paygate.e2e.courses.CoursesApp;
import com.paygate.testing.DevTokens;
import com.paygate.testing.TopicTail;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second business line beside the homestay orders: the example course shop (courses/) registered by an admin,
 * paying and refunding through the client library against the packaged payment service, hearing of it by webhook;
 * the order service's own flow goes on as before, and neither sees the other's payments.
 */
class CoursesE2E extends PlatformE2E {

    private static CoursesApp courses;

    @BeforeAll
    static void registerTheShop() throws Exception {
        String appId = "courses-" + UUID.randomUUID().toString().substring(0, 8);
        // The webhook URL is known once the shop listens: register, then point the app at it.
        JsonNode app = call("POST", payment() + "/api/admin/apps", admin(), Map.of("appId", appId, "name", "Course shop",
                "channels", List.of("WECHAT_NATIVE")), 201);
        courses = new CoursesApp(URI.create(payment()), appId, app.get("secret").asText());
        call("PATCH", payment() + "/api/admin/apps/" + appId, admin(), Map.of("webhookUrl", courses.webhookUrl()), 200);
    }

    @AfterAll
    static void closeTheShop() {
        courses.close();
    }

    @Test
    void aCourseIsPaidAndRefundedThroughTheClientWhileAHomestayOrderPaysAsBefore() throws Exception {
        TopicTail paymentEvents = TopicTail.startingNow(platform.kafka(), "payment-events");
        String enrolmentNo = "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Payment payment = courses.enrol(enrolmentNo, "student-1", "java-101");
        assertEquals(19_900, payment.amountFen());

        // A homestay order beside it, through the user API and Kafka as always.
        String token = DevTokens.user("e2e-homestay-" + UUID.randomUUID(), "o-" + UUID.randomUUID());
        String orderSn = call("POST", platform.url(platform.orderPort) + "/api/orders", token,
                Map.of("productId", 3, "quantity", 1), 201).get("orderSn").asText();
        String homestayPaySn = call("POST", payment() + "/api/payments", token,
                Map.of("orderSn", orderSn, "channel", "WECHAT_NATIVE"), 201).get("paySn").asText();

        pay(payment.paySn());
        pay(homestayPaySn);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> "ACTIVE".equals(courses.enrolment(enrolmentNo).state()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> "WAIT_USE".equals(
                call("GET", platform.url(platform.orderPort) + "/api/orders/" + orderSn, token, null, 200).get("state").asText()));

        Refund refund = courses.withdraw(enrolmentNo);
        assertEquals(refund.refundSn(), courses.withdraw(enrolmentNo).refundSn(), "a second click: the same refund");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> "REFUNDED".equals(courses.enrolment(enrolmentNo).state()));
        assertEquals("REFUND", courses.paygate().getPayment(payment.paySn()).state());

        Map<String, List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>>> onKafka =
                paymentEvents.settled(List.of(orderSn, enrolmentNo));
        assertEquals(1, TopicTail.ofType(onKafka.get(orderSn), "PAYMENT_SUCCEEDED"), "the homestay order's event, once");
        assertTrue(onKafka.getOrDefault(enrolmentNo, List.of()).isEmpty(), "the shop's payment is not on the order service's topic");
    }

    @Test
    void aShopDownForAWhileGetsItsEventsAfterwardsOnceEachAndAForgedOneIsRefused() throws Exception {
        String enrolmentNo = "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        courses.down(true);
        int before = courses.deliveries();
        try {
            pay(courses.enrol(enrolmentNo, "student-2", "sql-201").paySn());
            await().atMost(Duration.ofSeconds(30)).until(() -> courses.deliveries() > before);
        } finally {
            courses.down(false);
        }
        // Retried on the production schedule (15 s after the first failure); the shop is back by then.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> "ACTIVE".equals(courses.enrolment(enrolmentNo).state()));

        // Someone posts a made-up payment to the shop's endpoint: no valid signature, no effect.
        String forged = "{\"id\":\"evt-forged\",\"type\":\"refund.succeeded\",\"createdAt\":\"" + Instant.now()
                + "\",\"data\":{\"bizOrderNo\":\"" + enrolmentNo + "\"}}";
        int refusedBefore = courses.refused();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(courses.webhookUrl()))
                .header(Webhooks.HEADER, Webhooks.signatureHeader(forged, "pgs_guessed", Instant.now().getEpochSecond()))
                .POST(HttpRequest.BodyPublishers.ofString(forged)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, answer.statusCode());
        assertEquals(refusedBefore + 1, courses.refused());
        assertEquals("ACTIVE", courses.enrolment(enrolmentNo).state());
    }

    /**
     * The developer tools against this platform: `pay trigger` makes the sandbox send duplicate notifications and close
     * a refund, and the shop applies one payment and hears refund.failed; `pay listen` points the app's webhooks at
     * another URL, prints each try, and gives the shop its URL back when stopped.
     */
    @Test
    void payTriggerAndPayListenDriveTheSandboxAndForwardWebhooks() throws Exception {
        String enrolmentNo = "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String paySn = courses.enrol(enrolmentNo, "student-3", "java-101").paySn();
        run("trigger", "duplicate", "--pay-sn", paySn);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> "ACTIVE".equals(courses.enrolment(enrolmentNo).state()));
        run("trigger", "refund-closed", "--pay-sn", paySn);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> courses.applied(enrolmentNo).contains("refund.failed"));
        assertEquals(List.of("payment.succeeded", "refund.failed"), courses.applied(enrolmentNo),
                "three notifications of one payment: one event; the closed refund: refund.failed, no money back");
        assertEquals("ACTIVE", courses.enrolment(enrolmentNo).state());

        com.sun.net.httpserver.HttpServer laptop = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        laptop.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        laptop.start();
        Process listen = payCommand("listen", "--app", courses.appId(), "--forward",
                "http://127.0.0.1:" + laptop.getAddress().getPort() + "/hook");
        StringBuilder printed = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (var lines = listen.inputReader().lines()) {
                lines.forEach(line -> printed.append(line).append('\n'));
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> printed.toString().contains("webhooks go to http://127.0.0.1:"));
            String second = "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            String secondPaySn = courses.enrol(second, "student-4", "sql-201").paySn();
            run("trigger", "paid", "--pay-sn", secondPaySn);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.get() == 1 && printed.toString().contains("-> 204"));
            assertTrue(printed.toString().contains("payment.succeeded"), printed.toString());
            assertEquals("AWAITING_PAYMENT", courses.enrolment(second).state(), "the shop's URL got nothing meanwhile");
        } finally {
            listen.destroy();
            listen.waitFor();
            laptop.stop(0);
        }
        assertEquals(courses.webhookUrl(), call("GET", payment() + "/api/admin/apps/" + courses.appId(), admin(), null, 200)
                .get("webhookUrl").asText(), "stopping listen gives the shop its URL back");
    }

    /** Runs a pay command to its end; it must succeed. */
    private static void run(String... args) throws Exception {
        Process process = payCommand(args);
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "pay " + String.join(" ", args) + ": " + output);
    }

    /** deploy/local/pay against this platform's ports, its output (both streams) readable by the test. */
    private static Process payCommand(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(platform.root.resolve("deploy/local/pay").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PAY_SANDBOX_PORT", String.valueOf(platform.sandboxPort));
        builder.environment().put("PAY_PAYMENT_PORT", String.valueOf(platform.paymentPort));
        return builder.start();
    }

    private static void pay(String paySn) throws Exception {
        call("POST", platform.url(platform.sandboxPort) + "/sandbox/pay", null, Map.of("outTradeNo", paySn, "outcome", "SUCCESS"), -1);
    }

    private static String payment() {
        return platform.url(platform.paymentPort);
    }

    private static String admin() {
        return DevTokens.admin("e2e-ops");
    }
}
