package com.paygate.order.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * An event from {@code payment-events}, as the payment service publishes it. One envelope for all types; fields a
 * type does not use are null. On REFUND_SUCCEEDED, {@code refundAmountFen} is this refund, {@code refundedTotalFen}
 * all refunds of the payment so far and {@code amountFen} what the payment paid. Unknown fields are ignored so the
 * payment service can add some without breaking us.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentEvent(String eventId, String type, Instant occurredAt, String paySn, String orderSn,
        String userId, Long amountFen, String channel, String transactionId, Instant paidAt,
        String refundSn, Long refundAmountFen, Long refundedTotalFen) {

    public static final String PAYMENT_SUCCEEDED = "PAYMENT_SUCCEEDED";
    public static final String PAYMENT_CLOSED = "PAYMENT_CLOSED";
    public static final String REFUND_SUCCEEDED = "REFUND_SUCCEEDED";
    public static final String REFUND_FAILED = "REFUND_FAILED";

    /** Why this event cannot be applied at all (it then goes to the dead-letter topic), or null if it is well formed. */
    public String defect() {
        if (isBlank(eventId) || isBlank(type)) {
            return "eventId and type are required";
        }
        // Longer than their columns: no attempt could ever store them.
        if (eventId.length() > 64) {
            return "eventId longer than 64 characters";
        }
        if (paySn != null && paySn.length() > 64) {
            return "paySn longer than 64 characters";
        }
        if (PAYMENT_SUCCEEDED.equals(type) && (isBlank(orderSn) || isBlank(paySn) || amountFen == null)) {
            return "PAYMENT_SUCCEEDED needs orderSn, paySn and amountFen";
        }
        // The payment's own amount, not the order's: after an AMOUNT_MISMATCH they differ, and only the payment's
        // amount tells whether its refunds are complete.
        if (REFUND_SUCCEEDED.equals(type) && (isBlank(orderSn) || amountFen == null || refundedTotalFen == null)) {
            return "REFUND_SUCCEEDED needs orderSn, amountFen and refundedTotalFen";
        }
        if (REFUND_FAILED.equals(type) && (isBlank(orderSn) || isBlank(paySn))) {
            return "REFUND_FAILED needs orderSn and paySn";
        }
        return null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
