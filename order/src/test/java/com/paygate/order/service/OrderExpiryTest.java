package com.paygate.order.service;

import static com.paygate.order.OrderTestSupport.createOrder;
import static com.paygate.order.OrderTestSupport.getOrder;
import static com.paygate.order.OrderTestSupport.makeOverdue;
import static com.paygate.order.OrderTestSupport.newUser;
import static com.paygate.order.OrderTestSupport.orderEvent;
import static com.paygate.order.OrderTestSupport.orderEventsFromNow;
import static com.paygate.order.OrderTestSupport.outboxRows;
import static com.paygate.order.OrderTestSupport.paymentSucceeded;
import static com.paygate.order.OrderTestSupport.refundSucceeded;
import static com.paygate.order.OrderTestSupport.sendPaymentEvent;
import static com.paygate.order.OrderTestSupport.state;
import static com.paygate.order.OrderTestSupport.stateLogRows;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.testing.TopicTail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The expiry job (every second in tests) against the real database, and a payment arriving after it. */
@QuarkusTest
class OrderExpiryTest {

    /** order-events from where it stood when this test began. */
    private final TopicTail orderTopic = orderEventsFromNow();

    private static final Duration WAIT = Duration.ofSeconds(40);

    @Inject
    OrderExpiryJob job;

    @Test
    void overdueUnpaidOrderExpiresAndIsAnnouncedWhileOthersStay() {
        String user = newUser();
        String overdue = createOrder(user, 1, 1).getString("orderSn");
        String fresh = createOrder(user, 1, 1).getString("orderSn");
        makeOverdue(overdue);

        await().atMost(WAIT).until(() -> state(user, overdue).equals("EXPIRED"));
        JsonPath expired = orderEvent(orderTopic, overdue, "ORDER_EXPIRED", WAIT);
        assertEquals(overdue, expired.getString("orderSn"));
        assertEquals(user, expired.getString("userId"));
        assertEquals(39900L, expired.getLong("amountFen"));
        assertEquals(1, stateLogRows(overdue, "EXPIRED"));
        assertEquals("WAIT_PAY", state(user, fresh));
    }

    @Test
    void paymentAfterExpiryIsFlaggedRefundRequestedAndEndsRefunded() {
        String user = newUser();
        String sn = createOrder(user, 2, 1).getString("orderSn");
        makeOverdue(sn);
        await().atMost(WAIT).until(() -> state(user, sn).equals("EXPIRED"));

        String paySn = "P" + UUID.randomUUID();
        sendPaymentEvent(sn, paymentSucceeded(UUID.randomUUID().toString(), sn, user, paySn, 58800));
        await().atMost(WAIT).until(() -> state(user, sn).equals("REFUNDING"));
        JsonPath order = getOrder(user, sn);
        assertEquals(true, order.getBoolean("refundFlag"));
        assertTrue(order.getString("refundReason").startsWith("LATE_PAYMENT"), order.getString("refundReason"));
        assertNull(order.get("redeemCode"));

        JsonPath refund = orderEvent(orderTopic, sn, "ORDER_REFUND_REQUESTED", WAIT);
        assertEquals(paySn, refund.getString("paySn"));
        assertEquals(58800L, refund.getLong("amountFen"));
        assertTrue(refund.getString("reason").startsWith("LATE_PAYMENT"));
        assertEquals(0, outboxRows(sn, "ORDER_PAID"));

        // The payment service refunds that payment in full: the order ends REFUNDED and the user is told.
        sendPaymentEvent(sn, refundSucceeded(UUID.randomUUID().toString(), sn, user, paySn, 58800, 58800, 58800));
        await().atMost(WAIT).until(() -> state(user, sn).equals("REFUNDED"));
        JsonPath refunded = orderEvent(orderTopic, sn, "ORDER_REFUNDED", WAIT);
        assertEquals(58800L, refunded.getLong("refundAmountFen"));
        assertEquals(1, stateLogRows(sn, "REFUNDED"));
    }

    @Test
    void expiryRacingItsPaymentEndsPaidOrRefundingNeverExpiredWithTheMoneyKept() throws Exception {
        String user = newUser();
        List<JsonPath> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            orders.add(createOrder(user, 5, 1));
        }
        Map<String, String> paySns = new java.util.HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // Each order comes due just as its PAYMENT_SUCCEEDED arrives; an expiry run (another replica's) starts
            // at the same moment, besides the scheduled one (every second in tests).
            for (JsonPath order : orders) {
                String sn = order.getString("orderSn");
                String paySn = "P" + UUID.randomUUID();
                paySns.put(sn, paySn);
                makeOverdue(sn);
                Future<Integer> expiry = pool.submit(() -> com.paygate.order.OrderTestSupport.await(() -> job.expireBatch()));
                sendPaymentEvent(sn, paymentSucceeded(UUID.randomUUID().toString(), sn, user, paySn, order.getLong("amountFen")));
                expiry.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (JsonPath order : orders) {
            String sn = order.getString("orderSn");
            await().atMost(WAIT).until(() -> List.of("WAIT_USE", "REFUNDING").contains(state(user, sn)));
            if (state(user, sn).equals("WAIT_USE")) {
                // The payment came first: paid, never expired.
                assertEquals(0, stateLogRows(sn, "EXPIRED"), sn);
                assertEquals(paySns.get(sn), orderEvent(orderTopic, sn, "ORDER_PAID", WAIT).getString("paySn"));
            } else {
                // Expiry came first: the late payment is flagged and refunded in full.
                JsonPath refund = orderEvent(orderTopic, sn, "ORDER_REFUND_REQUESTED", WAIT);
                assertEquals(paySns.get(sn), refund.getString("paySn"), sn);
                assertEquals(order.getLong("amountFen"), refund.getLong("amountFen"), sn);
            }
        }
    }

    @Test
    void concurrentRunsExpireEachOrderOnce() throws Exception {
        String user = newUser();
        List<String> sns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String sn = createOrder(user, 5, 1).getString("orderSn");
            makeOverdue(sn);
            sns.add(sn);
        }
        // Several "replicas" at once, besides the scheduled one: SKIP LOCKED keeps their batches disjoint.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Integer> run = () -> com.paygate.order.OrderTestSupport.await(() -> job.expireBatch());
                runs.add(pool.submit(run));
            }
            for (Future<Integer> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(WAIT).until(() -> sns.stream().allMatch(sn -> state(user, sn).equals("EXPIRED")));
        for (String sn : sns) {
            assertEquals(1, stateLogRows(sn, "EXPIRED"), sn);
            assertEquals(1, outboxRows(sn, "ORDER_EXPIRED"), sn);
        }
    }
}
