package com.paygate.payment.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** payment-events payload (key orderSn). transactionId and paidAt only on PAYMENT_SUCCEEDED. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentEvent(String eventId, String type, Instant occurredAt, String paySn, String orderSn, String userId,
        long amountFen, String channel, String transactionId, Instant paidAt) {

    public static final String TOPIC = "payment-events";
    public static final String SUCCEEDED = "PAYMENT_SUCCEEDED";
    public static final String CLOSED = "PAYMENT_CLOSED";
}
