package com.paygate.eventing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.testing.EventContract;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The topics' schemas themselves: every example validates, each type has one, and the schema refuses what a
 * drifting producer would send (a renamed or missing field, a decimal or negative amount, an unknown type).
 * Without this the producers' and consumers' contract tests could pass against a schema that accepts anything.
 */
class EventSchemasTest {

    static final List<String> TOPICS = List.of("payment-events", "order-events");

    @Test
    void everyTypeHasAnExampleAndEveryExampleValidates() {
        for (String topic : TOPICS) {
            EventContract contract = EventContract.of(topic);
            for (String type : contract.types()) {
                assertTrue(contract.examples().keySet().stream().anyMatch(k -> k.startsWith(type + "#")), topic + " " + type);
            }
            contract.examples().values().forEach(contract::assertValid);
        }
    }

    @Test
    void driftIsRefused() {
        for (String topic : TOPICS) {
            EventContract contract = EventContract.of(topic);
            for (Map.Entry<String, String> example : contract.examples().entrySet()) {
                refused(contract, example, e -> e.put("orderNo", e.remove("orderSn")), "renamed orderSn");
                refused(contract, example, e -> e.remove("eventId"), "no eventId");
                refused(contract, example, e -> e.put("amountFen", 88.5), "decimal amount");
                refused(contract, example, e -> e.put("amountFen", -1), "negative amount");
                refused(contract, example, e -> e.put("amountFen", "8800"), "amount as text");
                refused(contract, example, e -> e.put("type", "SOMETHING_ELSE"), "unknown type");
                refused(contract, example, e -> e.put("occurredAt", "yesterday"), "not a date-time");
            }
        }
    }

    private static void refused(EventContract contract, Map.Entry<String, String> example, Consumer<JsonObject> change,
            String what) {
        JsonObject drifted = new JsonObject(example.getValue());
        change.accept(drifted);
        assertFalse(contract.accepts(drifted.encode()), example.getKey() + ": " + what + " must be refused");
    }
}
