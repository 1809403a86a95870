package com.paygate.order.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.testing.EventContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Consumer side of payment-events for order: every example of the topic's schema is read by order's
 * {@link PaymentEvent} with the application's ObjectMapper, found well formed, and keeps every field the example
 * carries (a field renamed on either side comes through as null and fails here); unknown extra fields are ignored.
 */
@QuarkusTest
class PaymentEventsContractTest {

    static final EventContract CONTRACT = EventContract.of("payment-events");

    @Inject
    ObjectMapper json;

    @Test
    void orderKnowsEveryTypeOfTheContract() {
        assertEquals(List.of(PaymentEvent.PAYMENT_SUCCEEDED, PaymentEvent.PAYMENT_CLOSED, PaymentEvent.REFUND_SUCCEEDED,
                PaymentEvent.REFUND_FAILED), CONTRACT.types());
    }

    @Test
    void everyExampleIsReadCompletely() throws Exception {
        for (Map.Entry<String, String> example : CONTRACT.examples().entrySet()) {
            JsonNode expected = json.readTree(example.getValue());
            ObjectNode extended = ((ObjectNode) expected.deepCopy()).put("addedLater", "ignored");
            for (String value : new String[] {example.getValue(), extended.toString()}) {
                PaymentEvent event = json.readValue(value, PaymentEvent.class);
                assertNull(event.defect(), example.getKey());
                JsonNode read = json.valueToTree(event);
                for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    assertTrue(read.hasNonNull(field.getKey()), example.getKey() + " lost " + field.getKey());
                    assertEquals(field.getValue().asText(), read.get(field.getKey()).asText(),
                            example.getKey() + " " + field.getKey());
                }
            }
        }
    }
}
