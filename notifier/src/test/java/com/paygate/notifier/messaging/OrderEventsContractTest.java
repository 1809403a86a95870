package com.paygate.notifier.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.notifier.domain.Notification;
import com.paygate.testing.EventContract;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Consumer side of order-events for the notifier: every example of the topic's schema is read by
 * {@link OrderEventParser}; the types the notifier tells users about become notifications carrying the example's
 * values (a field renamed on either side is lost and fails here), the others are skipped, never malformed, and
 * unknown extra fields change nothing.
 */
class OrderEventsContractTest {

    static final EventContract CONTRACT = EventContract.of("order-events");
    static final List<String> TOLD = List.of(OrderEventParser.ORDER_PAID, OrderEventParser.ORDER_REFUNDED,
            OrderEventParser.ORDER_REFUND_FAILED);

    final ObjectMapper json = new ObjectMapper();
    final OrderEventParser parser = new OrderEventParser(json);

    @Test
    void theTypesTheNotifierTellsAboutAreInTheContract() {
        assertTrue(CONTRACT.types().containsAll(TOLD), CONTRACT.types().toString());
    }

    @Test
    void everyExampleIsReadWithTheValuesTheUserIsTold() throws Exception {
        for (Map.Entry<String, String> example : CONTRACT.examples().entrySet()) {
            JsonNode e = json.readTree(example.getValue());
            String type = e.get("type").asText();
            ObjectNode extended = ((ObjectNode) e.deepCopy()).put("addedLater", "ignored");
            for (String value : new String[] {example.getValue(), extended.toString()}) {
                Optional<Notification> read = parser.parse(value);
                assertEquals(TOLD.contains(type), read.isPresent(), example.getKey());
                if (read.isEmpty()) {
                    continue;
                }
                Notification n = read.get();
                String at = type.equals(OrderEventParser.ORDER_PAID) ? "paidAt" : "occurredAt";
                String amount = type.equals(OrderEventParser.ORDER_REFUNDED) ? "refundAmountFen" : "amountFen";
                assertEquals(List.of(e.get("eventId").asText(), type, e.get("orderSn").asText(), e.get("userId").asText(),
                                String.valueOf(e.get("openid").isNull() ? null : e.get("openid").asText()),
                                e.get("title").asText(), e.get(amount).asLong(), Instant.parse(e.get(at).asText())),
                        List.of(n.eventId(), n.kind().name(), n.orderSn(), n.userId(), String.valueOf(n.openid()),
                                n.title(), n.amountFen(), n.at()),
                        example.getKey());
                if (type.equals(OrderEventParser.ORDER_PAID)) {
                    assertEquals(e.get("redeemCode").asText(), n.redeemCode(), example.getKey());
                }
            }
        }
    }
}
