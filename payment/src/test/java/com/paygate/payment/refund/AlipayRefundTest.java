package com.paygate.payment.refund;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.eventing.outbox.OutboxEvent;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.domain.Refund;
import com.paygate.payment.domain.RefundState;
import com.paygate.payment.support.Api;
import com.paygate.payment.support.Db;
import com.paygate.payment.support.OrderServiceDouble;
import com.paygate.payment.support.Sandbox;
import com.paygate.payment.support.WechatSandbox;
import com.paygate.testing.DevTokens;
import com.paygate.testing.TopicTail;
import com.paygate.testing.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Alipay refunds (synchronous alipay.trade.refund, confirmed by fastpay.refund.query) against the real sandbox. */
@QuarkusTest
class AlipayRefundTest {

    /** Topics from where they stood when this test began. */
    private final TopicTail paymentEvents = TopicTail.startingNow("payment-events");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPartialThenAFullRefundThroughAlipay() throws Exception {
        String[] p = paidAlipayPayment(2500);
        String orderSn = p[1], paySn = p[2];
        // Synchronous: the operator's answer is already SUCCESS.
        WechatRefundTest.adminRefund(paySn, 1000, "partial").then().statusCode(201).body("state", equalTo("SUCCESS"));
        Payment partly = Db.payment(paySn);
        assertEquals(PaymentState.REFUND, partly.state);
        assertEquals(1000, partly.refundedFen);

        // The order service asks for the rest (a full refund of what is left).
        Topics.send("order-events", orderSn, WechatRefundTest.refundRequested(UUID.randomUUID().toString(), p, 2500, "LATE_PAYMENT"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.payment(paySn).refundedFen == 2500);
        List<ConsumerRecord<String, String>> events = paymentEvents.settled(orderSn, found -> WechatRefundTest.refundEvents(found).size() >= 2,
                Duration.ofSeconds(20));
        List<ConsumerRecord<String, String>> refunds = WechatRefundTest.refundEvents(events);
        assertEquals(2, refunds.size());
        JsonNode last = JSON.readTree(refunds.get(1).value());
        assertEquals(2500, last.path("refundedTotalFen").asLong());
        assertEquals(1500, last.path("refundAmountFen").asLong());
        assertEquals(2500, last.path("amountFen").asLong());
        assertTrue(WechatRefundTest.refunds(paySn).stream().allMatch(r -> r.state == RefundState.SUCCESS && r.providerRefundId != null));
        assertEquals(2, WechatSandbox.refunds(paySn).getList("outRefundNo").size());
        WechatRefundTest.adminRefund(paySn, 1, "more").then().statusCode(422);

        // Alipay posts each refund to the payment's notify URL too (TRADE_SUCCESS, then TRADE_CLOSED once refunded in
        // full): both answered success, neither read as the payment paid again or closed.
        await().atMost(Duration.ofSeconds(20)).until(() -> refundEchoes(paySn).stream()
                .filter(d -> "success".equals(d.get("responseBody"))).map(d -> d.get("notificationId")).distinct().count() == 2);
        assertTrue(refundEchoes(paySn).stream().anyMatch(d -> String.valueOf(d.get("requestBody")).contains("trade_status=TRADE_CLOSED")));
        assertEquals(PaymentState.REFUND, Db.payment(paySn).state);
        assertEquals(List.of(), Db.alerts(paySn).stream().map(a -> a.kind).toList(), "no alert");
        assertEquals(2, Db.transitions(paySn).size(), "NOTPAY -> SUCCESS -> REFUND, nothing after");
    }

    /** The sandbox's deliveries of Alipay refund notifications (those carrying out_biz_no) for a payment. */
    private static List<Map<String, Object>> refundEchoes(String paySn) {
        return Sandbox.deliveries(paySn).stream().filter(d -> String.valueOf(d.get("requestBody")).contains("out_biz_no=")).toList();
    }

    @Test
    void aRefundAlipayRefusesIsClosedAndFreesItsAmount() {
        String[] p = paidAlipayPayment(700);
        String paySn = p[2];
        Sandbox.faults(Map.of("refundFail", true)); // ACQ.SELLER_BALANCE_NOT_ENOUGH
        try {
            WechatRefundTest.adminRefund(paySn, 700, "no balance").then().statusCode(502).body("code", equalTo("PROVIDER_REJECTED"));
        } finally {
            Sandbox.resetFaults();
        }
        List<Refund> refunds = WechatRefundTest.refunds(paySn);
        assertEquals(1, refunds.size());
        assertEquals(RefundState.CLOSED, refunds.get(0).state);
        assertTrue(Db.alerts(paySn).stream().anyMatch(a -> a.kind.equals("REFUND_REFUSED")));
        assertEquals(PaymentState.SUCCESS, Db.payment(paySn).state);
        // The order side learns that this refund will not come (REFUND_FAILED), in the refund's own transaction.
        List<OutboxEvent> failed = Db.outbox(p[1]).stream().filter(e -> e.type.equals("REFUND_FAILED")).toList();
        assertEquals(1, failed.size());
        JsonNode event = readJson(failed.get(0).payload);
        assertEquals(refunds.get(0).refundSn, event.path("refundSn").asText());
        assertEquals(paySn, event.path("paySn").asText());
        assertEquals(700, event.path("refundAmountFen").asLong());
        assertEquals(0, event.path("refundedTotalFen").asLong());
        assertEquals(700, event.path("amountFen").asLong());
        // Nothing moved, so the whole amount can still be refunded.
        WechatRefundTest.adminRefund(paySn, 700, "retry").then().statusCode(201).body("state", equalTo("SUCCESS"));
        assertEquals(700, Db.payment(paySn).refundedFen);
        assertEquals(1, Db.outbox(p[1]).stream().filter(e -> e.type.equals("REFUND_FAILED")).count(), "only the refused one failed");
    }

    @Test
    void aRefundAlipayAnsweredWithABadSignatureIsUnknownNotRefusedAndIsSettledByQuery() {
        String[] p = paidAlipayPayment(880);
        String orderSn = p[1], paySn = p[2];
        // Alipay refunds, but the answer's sign does not verify: we cannot know what it said.
        Sandbox.faults(Map.of("badAnswerSignature", true));
        String refundSn;
        try {
            refundSn = WechatRefundTest.adminRefund(paySn, 880, "answer unverifiable").then().statusCode(202)
                    .body("state", equalTo("PROCESSING")).extract().path("refundSn");
            assertEquals(1, WechatSandbox.refunds(paySn).getList("outRefundNo").size(), "Alipay did refund");
            WechatRefundTest.adminRefund(paySn, 1, "meanwhile").then().statusCode(422);
            assertTrue(Db.outbox(orderSn).stream().noneMatch(e -> e.type.equals("REFUND_FAILED")));
        } finally {
            Sandbox.resetFaults();
        }
        // fastpay.refund.query, verified this time, settles it through the refund job.
        await().atMost(Duration.ofSeconds(30)).until(() -> WechatRefundTest.refund(refundSn).state == RefundState.SUCCESS);
        assertEquals(880, Db.payment(paySn).refundedFen);
        assertTrue(Db.alerts(paySn).stream().noneMatch(a -> a.kind.equals("REFUND_REFUSED")));
        assertTrue(Db.outbox(orderSn).stream().noneMatch(e -> e.type.equals("REFUND_FAILED")));
    }

    private static JsonNode readJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** user, orderSn, paySn of an ALIPAY_WAP payment paid at the sandbox and SUCCESS here (via its notification). */
    static String[] paidAlipayPayment(long amountFen) {
        String user = Api.unique("u");
        String orderSn = Api.unique("O");
        OrderServiceDouble.seedOrder(orderSn, user, amountFen, "WAIT_PAY");
        Response created = Api.createPayment(DevTokens.user(user), orderSn, "ALIPAY_WAP");
        created.then().statusCode(201);
        String paySn = created.path("paySn");
        Sandbox.openCashier(created.path("prepay.payUrl")).then().statusCode(org.hamcrest.Matchers.lessThan(400));
        Sandbox.pay(paySn);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.payment(paySn).state == PaymentState.SUCCESS);
        return new String[] { user, orderSn, paySn };
    }
}
