package com.paygate.payment.event;

import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.Refund;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * REFUND_SUCCEEDED / REFUND_FAILED on payment-events (key orderSn), the contract order/README fixes: amountFen is
 * what the payment paid, refundedTotalFen all its successful refunds so far (this one included when it succeeded),
 * refundAmountFen this refund. REFUND_FAILED: the provider refused or closed this refund; no money moved.
 */
@RegisterForReflection
public record RefundEvent(String eventId, String type, Instant occurredAt, String orderSn, String paySn, String userId,
        long amountFen, long refundedTotalFen, long refundAmountFen, String refundSn) {

    public static final String SUCCEEDED = "REFUND_SUCCEEDED";
    public static final String FAILED = "REFUND_FAILED";

    /** REFUND_SUCCEEDED or REFUND_FAILED for a refund that just settled; {@code p.refundedFen} already counts it if it succeeded. */
    public static RefundEvent of(String type, String eventId, Instant at, Payment p, Refund r) {
        return new RefundEvent(eventId, type, at, p.orderSn, p.paySn, p.userId, p.amountFen, p.refundedFen, r.amountFen, r.refundSn);
    }
}
