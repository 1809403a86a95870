package com.paygate.payment.refund;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * REFUND_SUCCEEDED on payment-events (key orderSn), the contract order/README fixes: amountFen is what the payment
 * paid, refundedTotalFen all its successful refunds so far (this one included), refundAmountFen this refund.
 */
@RegisterForReflection
public record RefundEvent(String eventId, String type, Instant occurredAt, String orderSn, String paySn, String userId,
        long amountFen, long refundedTotalFen, long refundAmountFen, String refundSn) {

    public static final String SUCCEEDED = "REFUND_SUCCEEDED";
}
