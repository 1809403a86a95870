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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A second business line beside the homestay orders: the example course shop (courses/) registered by an admin,
 * paying and refunding through the client library against the packaged payment service, hearing of it by webhook;
 * the order service's own flow goes on as before, and neither sees the other's payments.
 */
class CoursesE2E extends PlatformE2E {

    private static final String[] CHANNELS = { "WECHAT_JSAPI", "WECHAT_H5", "WECHAT_NATIVE", "ALIPAY_WAP", "ALIPAY_QR", "ALIPAY_PC" };

    private static CoursesApp courses;

    @BeforeAll
    static void registerTheShop() throws Exception {
        String appId = "courses-" + UUID.randomUUID().toString().substring(0, 8);
        // The webhook URL is known once the shop listens: register, then point the app at it.
        JsonNode app = call("POST", payment() + "/api/admin/apps", admin(), Map.of("appId", appId, "name", "Course shop",
                "channels", List.of(CHANNELS)), 201);
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

    @ParameterizedTest
    @ValueSource(strings = { "WECHAT_JSAPI", "WECHAT_H5", "WECHAT_NATIVE", "ALIPAY_WAP", "ALIPAY_QR", "ALIPAY_PC" })
    void aCourseIsPaidAndRefundedThroughEveryChannel(String channel) throws Exception {
        String enrolmentNo = "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Payment payment = courses.enrol(enrolmentNo, "student-" + channel.toLowerCase(), "sql-201", channel);
        Object payUrl = payment.prepay().get("payUrl");
        if (payUrl != null) {
            // Alipay's WAP and web cashiers: the trade exists once the payer's browser opens it.
            HttpResponse<String> cashier = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create((String) payUrl)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, cashier.statusCode(), cashier.body());
        }
        pay(payment.paySn());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> "ACTIVE".equals(courses.enrolment(enrolmentNo).state()));
        courses.withdraw(enrolmentNo);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> "REFUNDED".equals(courses.enrolment(enrolmentNo).state()));
        assertEquals(List.of("payment.succeeded", "refund.succeeded"), courses.applied(enrolmentNo));
        assertEquals(9_900, courses.paygate().getPayment(payment.paySn()).refundedFen());
    }

    /**
     * The payment service is killed (SIGKILL) while a webhook waits for its retry: the delivery lives in the outbox,
     * and the restarted service delivers it.
     */
    @Test
    void aWebhookOwedWhenThePaymentServiceIsKilledIsDeliveredAfterItRestarts() throws Exception {
        String enrolmentNo = "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        courses.down(true);
        int before = courses.deliveries();
        try {
            pay(courses.enrol(enrolmentNo, "student-5", "java-101").paySn());
            await().atMost(Duration.ofSeconds(30)).until(() -> courses.deliveries() > before);
            platform.restart("payment", true);
        } finally {
            courses.down(false);
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> "ACTIVE".equals(courses.enrolment(enrolmentNo).state()));
        assertEquals(List.of("payment.succeeded"), courses.applied(enrolmentNo));
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

    /** The scenarios of `pay trigger` not covered above, each with the effect it promises. */
    @Test
    void everyOtherPayTriggerScenarioDoesWhatItSays() throws Exception {
        // failed: WeChat says the payment failed; the shop hears payment.failed.
        String failed = enrolmentNo();
        String failedPaySn = courses.enrol(failed, "student-6", "sql-201").paySn();
        run("trigger", "failed", "--pay-sn", failedPaySn);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "PAYERROR".equals(courses.paygate().getPayment(failedPaySn).state()));
        await().atMost(Duration.ofSeconds(30)).until(() -> courses.applied(failed).contains("payment.failed"));

        // amount-mismatch: the notification names another amount, is refused and alerted; a query settles it.
        String mismatch = enrolmentNo();
        String mismatchPaySn = courses.enrol(mismatch, "student-7", "sql-201").paySn();
        run("trigger", "amount-mismatch", "--pay-sn", mismatchPaySn);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> call("GET", payment()
                + "/api/admin/payment-alerts?kind=AMOUNT_MISMATCH&paySn=" + mismatchPaySn, admin(), null, 200).size() == 1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "SUCCESS".equals(courses.paygate().getPayment(mismatchPaySn).state()));

        // notification-lost: paid, never told; the shop's status poll makes the platform ask WeChat.
        String lost = enrolmentNo();
        String lostPaySn = courses.enrol(lost, "student-8", "sql-201").paySn();
        run("trigger", "notification-lost", "--pay-sn", lostPaySn);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "SUCCESS".equals(courses.paygate().getPayment(lostPaySn).state()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(courses.enrolment(lost).state()));

        // refund-refused: WeChat takes the refund but it ends ABNORMAL (no money moved; an operator's case).
        run("trigger", "refund-refused", "--pay-sn", lostPaySn);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> courses.paygate()
                .refunds(lostPaySn).stream().anyMatch(r -> "ABNORMAL".equals(r.state())));

        // paid-late: the shop closed the payment, and the money came anyway: payment.succeeded, paidAfterClose.
        String late = enrolmentNo();
        String latePaySn = courses.enrol(late, "student-9", "sql-201").paySn();
        assertEquals("CLOSED", courses.paygate().closePayment(latePaySn).state());
        run("trigger", "paid-late", "--pay-sn", latePaySn);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> courses.paygate().getPayment(latePaySn).paidAfterClose());
        assertEquals("SUCCESS", courses.paygate().getPayment(latePaySn).state());
        await().atMost(Duration.ofSeconds(30)).until(() -> courses.applied(late).contains("payment.succeeded"));

        // notification-delayed: paid, told 8 s later; the shop's status poll settles it by query first, and the
        // notification, when it comes, is acknowledged and changes nothing.
        String delayed = enrolmentNo();
        String delayedPaySn = courses.enrol(delayed, "student-10", "sql-201").paySn();
        String notifications = platform.url(platform.sandboxPort) + "/sandbox/notifications?outTradeNo=" + delayedPaySn;
        run("trigger", "notification-delayed", "--pay-sn", delayedPaySn, "--delay", "8");
        await().atMost(Duration.ofSeconds(7)).pollInterval(Duration.ofMillis(500))
                .until(() -> "SUCCESS".equals(courses.paygate().getPayment(delayedPaySn).state()));
        assertEquals(0, call("GET", notifications, null, null, 200).size(), "settled before any notification came");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> call("GET", notifications, null, null, 200).size() > 0);
        assertEquals(204, call("GET", notifications, null, null, 200).get(0).get("status").asInt());
        await().atMost(Duration.ofSeconds(30)).until(() -> courses.applied(delayed).contains("payment.succeeded"));
        assertEquals(List.of("payment.succeeded"), courses.applied(delayed), "one event, however the news came");

        // key-rotated switches the sandbox's WeChat signing to a rotated certificate until reset.
        run("trigger", "key-rotated");
        String faults = platform.url(platform.sandboxPort) + "/sandbox/faults";
        assertEquals("certificate-rotated", call("GET", faults, null, null, 200).get("wechatMode").asText());
        run("trigger", "reset");
        assertEquals("public-key", call("GET", faults, null, null, 200).get("wechatMode").asText());
    }

    /**
     * pay reconcile against this platform: the bills of both providers fetched, matched and printed. The sandbox puts
     * this test's payment on a day of its own (businessDayShift), which the rest of the suite's payments are not on.
     */
    @Test
    void payReconcileRunsTheDaysBillsAndPrintsThem() throws Exception {
        int shift = -java.util.concurrent.ThreadLocalRandom.current().nextInt(400, 3000);
        String faults = platform.url(platform.sandboxPort) + "/sandbox/faults";
        String enrolmentNo = enrolmentNo();
        String paySn = courses.enrol(enrolmentNo, "student-11", "java-101").paySn();
        call("POST", faults, null, Map.of("businessDayShift", shift), 200);
        try {
            run("trigger", "paid", "--pay-sn", paySn);
        } finally {
            call("POST", faults, null, Map.of("businessDayShift", 0), 200);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(courses.enrolment(enrolmentNo).state()));
        String today = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(8)).plusDays(shift).toString();
        String printed = run("reconcile", "--date", today);
        assertTrue(printed.contains(today + " wechat       DONE") && printed.contains(today + " alipay       DONE"), printed);
        assertTrue(printed.contains("matched 1, differences 0"), printed);
        String csv = run("reconcile", "--date", today, "--provider", "wechat", "--csv");
        assertTrue(csv.startsWith("provider,bill_date,kind,pay_sn,refund_sn,bill_fen,our_fen,our_state,state,resolution"), csv);
        assertTrue(!csv.contains(paySn), "the course's payment is on WeChat's bill as we recorded it: " + csv);
        long wechatPayments = 0;
        for (JsonNode run : call("GET", payment() + "/api/admin/reconciliation?date=" + today, admin(), null, 200)) {
            wechatPayments += "wechat".equals(run.get("provider").asText()) ? run.get("bill").get("payments").asLong() : 0;
        }
        assertEquals(1, wechatPayments, "the day's WeChat bill has the day's one payment");
    }

    private static String enrolmentNo() {
        return "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Runs a pay command to its end; it must succeed. */
    private static String run(String... args) throws Exception {
        Process process = payCommand(args);
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "pay " + String.join(" ", args) + ": " + output);
        return output;
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
