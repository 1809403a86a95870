package com.paygate.payment.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.paygate.payment.domain.Payment;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * payment-events payload (key orderSn). transactionId and paidAt only on PAYMENT_SUCCEEDED. The contract is
 * eventing's {@code events/payment-events.schema.json}; {@code PaymentEventsContractTest} holds this record to it.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentEvent(String eventId, String type, Instant occurredAt, String paySn, String orderSn, String userId,
        long amountFen, String channel, String transactionId, Instant paidAt) {

    public static final String TOPIC = "payment-events";
    public static final String SUCCEEDED = "PAYMENT_SUCCEEDED";
    public static final String CLOSED = "PAYMENT_CLOSED";

    /** PAYMENT_SUCCEEDED for a payment that just became SUCCESS. */
    public static PaymentEvent succeeded(String eventId, Instant at, Payment p) {
        return new PaymentEvent(eventId, SUCCEEDED, at, p.paySn, p.orderSn, p.userId, p.amountFen, p.channel.name(),
                p.transactionId, p.paidAt);
    }

    /** PAYMENT_CLOSED for a payment that just became CLOSED. */
    public static PaymentEvent closed(String eventId, Instant at, Payment p) {
        return new PaymentEvent(eventId, CLOSED, at, p.paySn, p.orderSn, p.userId, p.amountFen, p.channel.name(), null, null);
    }
}
