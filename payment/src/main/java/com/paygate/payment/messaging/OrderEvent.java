package com.paygate.payment.messaging;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What payment reads of an {@code order-events} record: the fields of the types it acts on, as eventing's
 * {@code events/order-events.schema.json} names them (the contract; {@code OrderEventsContractTest} feeds this
 * reader every example there). Other fields and types are ignored: the topic is shared and may grow.
 */
public record OrderEvent(String eventId, String type, String orderSn, String paySn, String reason) {

    /**
     * Reads the fields payment uses, leniently: a field that is not a plain value (an object where a string belongs)
     * reads as absent, so only the types payment acts on can be poison, and only for the fields they need.
     */
    public static OrderEvent read(JsonNode event) {
        return new OrderEvent(text(event, "eventId"), text(event, "type"), text(event, "orderSn"), text(event, "paySn"),
                text(event, "reason"));
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    public static final String CANCELLED = "ORDER_CANCELLED";
    public static final String EXPIRED = "ORDER_EXPIRED";
    public static final String REFUND_REQUESTED = "ORDER_REFUND_REQUESTED";

    /** The order will never be paid: its open payments are closed. */
    public boolean closesPayments() {
        return CANCELLED.equals(type) || EXPIRED.equals(type);
    }

    public boolean requestsRefund() {
        return REFUND_REQUESTED.equals(type);
    }

    /** Why a record of a type payment acts on cannot be applied at all (poison), or null. */
    public String defect() {
        if (closesPayments() && (blank(eventId) || blank(orderSn))) {
            return type + " without eventId/orderSn";
        }
        if (requestsRefund() && (blank(eventId) || blank(orderSn) || blank(paySn))) {
            return type + " without eventId/orderSn/paySn";
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
