package com.paygate.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.paygate.testing.DevTokens;
import com.paygate.testing.TopicTail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A rolling update in the middle of a burst of callbacks: payment gets SIGTERM while WeChat (the sandbox) is
 * delivering pay notifications (each sent three times), and comes back on the same port. The sandbox's queries are made to fail
 * throughout, so a notification is the only way a payment can become SUCCESS: one answered 2xx but not applied
 * would never be sent again and its payment would stay NOTPAY. Every payment must end SUCCESS, each with exactly
 * one pay-success event.
 */
class ShutdownE2E extends PlatformE2E {

    private static final int PAYMENTS = 24;

    @Test
    void aSigtermWhileCallbacksArriveLosesNoAcknowledgedCallback() throws Exception {
        TopicTail paymentEvents = TopicTail.startingNow(platform.kafka(), "payment-events");
        String token = DevTokens.user("sigterm-" + UUID.randomUUID(), "o-" + UUID.randomUUID());
        List<String[]> payments = new ArrayList<>();
        for (int i = 0; i < PAYMENTS; i++) {
            String orderSn = PaySuccessE2E.call("POST", platform.url(platform.orderPort) + "/api/orders", token,
                    Map.of("productId", 5, "quantity", 1), 201).get("orderSn").asText();
            String paySn = PaySuccessE2E.call("POST", platform.url(platform.paymentPort) + "/api/payments", token,
                    Map.of("orderSn", orderSn, "channel", "WECHAT_NATIVE"), 201).get("paySn").asText();
            payments.add(new String[] { orderSn, paySn });
        }

        String sandbox = platform.url(platform.sandboxPort);
        ExecutorService payer = Executors.newSingleThreadExecutor();
        AtomicInteger submitted = new AtomicInteger();
        try {
            // From here on every query to the provider fails: only a notification can settle a payment. Each
            // notification also comes twice more, so more of them are in flight.
            PaySuccessE2E.call("POST", sandbox + "/sandbox/faults", null,
                    Map.of("apiErrorRate", 1, "duplicateNotifications", 2), 200);
            // The payers pay over ~2.4 s; payment gets SIGTERM after the third, mid-burst.
            Future<?> paying = payer.submit(() -> {
                for (String[] p : payments) {
                    PaySuccessE2E.call("POST", sandbox + "/sandbox/pay", null, Map.of("outTradeNo", p[1], "outcome", "SUCCESS"), -1);
                    submitted.incrementAndGet();
                    Thread.sleep(100);
                }
                return null;
            });
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> submitted.get() >= 3);
            platform.restart("payment");
            paying.get(60, TimeUnit.SECONDS);

            for (String[] p : payments) {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                        "SUCCESS".equals(PaySuccessE2E.call("GET", platform.url(platform.paymentPort) + "/api/payments/" + p[1],
                                token, null, 200).get("state").asText()));
            }
            int refused = 0;
            for (String[] p : payments) {
                for (JsonNode attempt : PaySuccessE2E.call("GET", sandbox + "/sandbox/notifications?outTradeNo=" + p[1], null, null, 200)) {
                    refused += attempt.path("status").asInt() / 100 == 2 ? 0 : 1;
                }
            }
            assertTrue(refused > 0, "the SIGTERM came mid-burst: some notifications were refused and sent again");
        } finally {
            payer.shutdownNow();
            PaySuccessE2E.call("DELETE", sandbox + "/sandbox/faults", null, null, 200);
        }
        Map<String, List<ConsumerRecord<String, String>>> events =
                paymentEvents.settled(payments.stream().map(p -> p[0]).toList());
        for (String[] p : payments) {
            assertEquals(1, TopicTail.ofType(events.getOrDefault(p[0], List.of()), "PAYMENT_SUCCEEDED"),
                    "one pay-success event for order " + p[0]);
        }
        assertTrue(restartedLogShows("Listening on"), "payment was restarted");
    }

    private static boolean restartedLogShows(String text) throws Exception {
        return java.nio.file.Files.readString(platform.work.resolve("payment-restarted.log")).contains(text);
    }
}
