package com.paygate.order.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * An event from {@code payment-events}, as the payment service publishes it. One envelope for all types; fields a
 * type does not use are null. Unknown fields are ignored so the payment service can add some without breaking us.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentEvent(String eventId, String type, Instant occurredAt, String paySn, String orderSn,
        String userId, Long amountFen, String channel, String transactionId, Instant paidAt,
        String refundSn, Long refundAmountFen) {

    public static final String PAYMENT_SUCCEEDED = "PAYMENT_SUCCEEDED";
    public static final String PAYMENT_CLOSED = "PAYMENT_CLOSED";
    public static final String REFUND_SUCCEEDED = "REFUND_SUCCEEDED";

    /** Why this event cannot be applied at all (it then goes to the dead-letter topic), or null if it is well formed. */
    public String defect() {
        if (isBlank(eventId) || isBlank(type)) {
            return "eventId and type are required";
        }
        if (PAYMENT_SUCCEEDED.equals(type) && (isBlank(orderSn) || isBlank(paySn) || amountFen == null)) {
            return "PAYMENT_SUCCEEDED needs orderSn, paySn and amountFen";
        }
        if (REFUND_SUCCEEDED.equals(type) && isBlank(orderSn)) {
            return "REFUND_SUCCEEDED needs orderSn";
        }
        return null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
