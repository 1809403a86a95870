package com.paygate.payment.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.payment.domain.Channel;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.Refund;
import com.paygate.payment.support.OrderServiceDouble;
import com.paygate.testing.EventContract;
import com.paygate.testing.SandboxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Producer side of payment-events: what payment writes to its outbox (the event factories the transitions use,
 * serialized by the application's own ObjectMapper, as the outbox does) validates against the topic's schema, for
 * every channel and every type, and payment publishes exactly the types the schema lists.
 */
@QuarkusTest
@QuarkusTestResource(OrderServiceDouble.class)
@QuarkusTestResource(SandboxResource.class)
class PaymentEventsContractTest {

    static final EventContract CONTRACT = EventContract.of(PaymentEvent.TOPIC);

    @Inject
    ObjectMapper json;

    @Test
    void everyRecordPaymentPublishesMatchesTheSchema() throws Exception {
        Instant now = Instant.parse("2026-12-06T08:00:00.123Z");
        for (Channel channel : Channel.values()) {
            Payment p = payment(channel);
            CONTRACT.assertValid(json.writeValueAsString(PaymentEvent.closed(id(), now, p)));
            p.transactionId = "4200001234202612061234567890";
            p.paidAt = now.minusSeconds(1);
            CONTRACT.assertValid(json.writeValueAsString(PaymentEvent.succeeded(id(), now, p)));
            // A success without the provider's transaction id (it is optional in the contract) still validates.
            p.transactionId = null;
            CONTRACT.assertValid(json.writeValueAsString(PaymentEvent.succeeded(id(), now, p)));

            Refund r = new Refund();
            r.refundSn = "R" + System.nanoTime();
            r.amountFen = 300;
            CONTRACT.assertValid(json.writeValueAsString(RefundEvent.of(RefundEvent.FAILED, id(), now, p, r)));
            p.refundedFen = 300;
            CONTRACT.assertValid(json.writeValueAsString(RefundEvent.of(RefundEvent.SUCCEEDED, id(), now, p, r)));
        }
    }

    @Test
    void paymentPublishesExactlyTheTypesTheSchemaLists() {
        assertEquals(List.of(PaymentEvent.SUCCEEDED, PaymentEvent.CLOSED, RefundEvent.SUCCEEDED, RefundEvent.FAILED),
                CONTRACT.types());
    }

    @Test
    void aRecordWithARenamedFieldIsRefused() throws Exception {
        Payment p = payment(Channel.WECHAT_NATIVE);
        ObjectNode event = json.valueToTree(PaymentEvent.closed(id(), Instant.now(), p));
        event.set("payNo", event.remove("paySn"));
        assertThrows(AssertionError.class, () -> CONTRACT.assertValid(event.toString()));
    }

    private static Payment payment(Channel channel) {
        Payment p = new Payment();
        p.paySn = "P" + System.nanoTime();
        p.orderSn = "1866001234500001";
        p.userId = "user-1";
        p.channel = channel;
        p.amountFen = 8800;
        return p;
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
