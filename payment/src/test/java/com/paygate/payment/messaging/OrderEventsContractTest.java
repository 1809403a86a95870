package com.paygate.payment.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.payment.support.OrderServiceDouble;
import com.paygate.testing.EventContract;
import com.paygate.testing.SandboxResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Consumer side of order-events for payment: every example of the topic's schema is read by {@link OrderEvent}
 * with the application's ObjectMapper; the types payment acts on come through complete (nothing a rename on
 * either side would lose), the others are recognised as not ours, and unknown extra fields change nothing.
 */
@QuarkusTest
@QuarkusTestResource(OrderServiceDouble.class)
@QuarkusTestResource(SandboxResource.class)
class OrderEventsContractTest {

    static final EventContract CONTRACT = EventContract.of("order-events");

    @Inject
    ObjectMapper json;

    @Test
    void theTypesPaymentActsOnAreInTheContract() {
        assertTrue(CONTRACT.types().containsAll(java.util.List.of(OrderEvent.CANCELLED, OrderEvent.EXPIRED,
                OrderEvent.REFUND_REQUESTED)), CONTRACT.types().toString());
    }

    @Test
    void everyExampleIsReadWithTheFieldsPaymentNeeds() throws Exception {
        for (Map.Entry<String, String> example : CONTRACT.examples().entrySet()) {
            JsonNode expected = json.readTree(example.getValue());
            ObjectNode extended = ((ObjectNode) expected.deepCopy()).put("addedLater", "ignored");
            for (String value : new String[] {example.getValue(), extended.toString()}) {
                OrderEvent event = OrderEvent.read(json.readTree(value));
                String type = expected.get("type").asText();
                assertEquals(type, event.type(), example.getKey());
                assertNull(event.defect(), example.getKey());
                if (event.closesPayments() || event.requestsRefund()) {
                    assertEquals(expected.get("eventId").asText(), event.eventId(), example.getKey());
                    assertEquals(expected.get("orderSn").asText(), event.orderSn(), example.getKey());
                }
                if (event.requestsRefund()) {
                    assertEquals(expected.get("paySn").asText(), event.paySn(), example.getKey());
                    assertEquals(expected.get("reason").asText(), event.reason(), example.getKey());
                }
                assertEquals(type.equals("ORDER_CANCELLED") || type.equals("ORDER_EXPIRED"), event.closesPayments(),
                        example.getKey());
            }
        }
    }

    @Test
    void aFieldPaymentDoesNotNeedCannotMakeAnEventPoison() throws Exception {
        for (Map.Entry<String, String> example : CONTRACT.examples().entrySet()) {
            ObjectNode odd = (ObjectNode) json.readTree(example.getValue());
            odd.putObject("reason").put("unexpected", "shape");
            odd.putArray("title").add(1);
            OrderEvent event = OrderEvent.read(odd);
            assertNull(event.defect(), example.getKey());
            assertNull(event.reason(), "a reason that is not text reads as none: " + example.getKey());
        }
    }
}
