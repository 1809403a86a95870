package com.paygate.notifier.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.notifier.domain.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads order-events values (JSON strings) into notifications. Lenient about what a notification can live without
 * (openid, title, paid time), strict about identity (event id, order number, user, amount): without those the
 * event is malformed. Unknown fields are ignored so the order service can add some.
 */
@ApplicationScoped
public class OrderEventParser {

    public static final String ORDER_PAID = "ORDER_PAID";
    public static final String ORDER_REFUNDED = "ORDER_REFUNDED";
    public static final String ORDER_REFUND_FAILED = "ORDER_REFUND_FAILED";
    private static final int MAX_ID = 64;

    private final ObjectMapper json;

    public OrderEventParser(ObjectMapper json) {
        this.json = json;
    }

    /** The notification this event asks for; empty for event types the notifier does not act on. */
    public Optional<Notification> parse(String payload) {
        JsonNode event = readObject(payload);
        String type = text(event, "type");
        if (type == null) {
            throw new MalformedEventException("event without a type");
        }
        return switch (type) {
            case ORDER_PAID -> Optional.of(notification(event, Notification.Kind.ORDER_PAID, amount(event, "amountFen"),
                    text(event, "redeemCode"), firstNonNull(instant(event, "paidAt"), instant(event, "occurredAt"))));
            // The user is told what came back to them: the refunded total, not the order's price.
            case ORDER_REFUNDED -> Optional.of(notification(event, Notification.Kind.ORDER_REFUNDED,
                    amount(event, "refundAmountFen"), null, instant(event, "occurredAt")));
            case ORDER_REFUND_FAILED -> Optional.of(notification(event, Notification.Kind.ORDER_REFUND_FAILED,
                    amount(event, "amountFen"), null, instant(event, "occurredAt")));
            default -> Optional.empty();
        };
    }

    private Notification notification(JsonNode event, Notification.Kind kind, long amountFen, String redeemCode, Instant at) {
        return new Notification(id(event, "eventId"), kind, id(event, "orderSn"), id(event, "userId"),
                blankToNull(text(event, "openid")), text(event, "title"), amountFen, redeemCode, at);
    }

    private static long amount(JsonNode event, String field) {
        JsonNode amount = event.get(field);
        if (amount == null || !amount.canConvertToLong() || !amount.isIntegralNumber() || amount.asLong() < 0) {
            throw new MalformedEventException(text(event, "type") + " without a valid " + field);
        }
        return amount.asLong();
    }

    private static Instant firstNonNull(Instant a, Instant b) {
        return a != null ? a : b;
    }

    /**
     * Whether {@code payload} is a JSON object of a type the notifier acts on, readable or not otherwise: such a
     * record that cannot be parsed is poison for the notifier (no one else would tell the user).
     */
    public boolean actsOn(String payload) {
        try {
            String type = text(readObject(payload), "type");
            return ORDER_PAID.equals(type) || ORDER_REFUNDED.equals(type) || ORDER_REFUND_FAILED.equals(type);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The event's id and order number, if readable: for log lines about a message that could not be handled. */
    public String describe(String payload) {
        try {
            JsonNode event = readObject(payload);
            return "eventId=" + text(event, "eventId") + " type=" + text(event, "type") + " orderSn=" + text(event, "orderSn");
        } catch (RuntimeException e) {
            return "unreadable payload of " + (payload == null ? 0 : payload.length()) + " chars";
        }
    }

    private JsonNode readObject(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new MalformedEventException("empty message");
        }
        try {
            JsonNode node = json.readTree(payload);
            if (node == null || !node.isObject()) {
                throw new MalformedEventException("not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON");
        }
    }

    private static String id(JsonNode event, String field) {
        String value = text(event, field);
        if (value == null || value.isBlank() || value.length() > MAX_ID) {
            throw new MalformedEventException("missing or oversized " + field);
        }
        return value;
    }

    private static String text(JsonNode event, String field) {
        JsonNode node = event.get(field);
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Instant instant(JsonNode event, String field) {
        String value = text(event, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
