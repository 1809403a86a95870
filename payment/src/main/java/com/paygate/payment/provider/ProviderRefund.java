package com.paygate.payment.provider;

import com.paygate.payment.domain.RefundState;
import java.time.Instant;

/**
 * A provider's verified statement about one refund (answer to a refund request, a refund query or a refund
 * notification), mapped to our states. {@code notFound}: the provider never received that refund request.
 * Amounts in fen; {@code refundFen} is this refund, {@code totalFen} what the payment paid (null when not said).
 */
public record ProviderRefund(String refundSn, String paySn, RefundState state, String stateDesc, String providerRefundId,
        Long refundFen, Long totalFen, Instant succeededAt, boolean notFound) {

    public static ProviderRefund missing(String refundSn, String paySn) {
        return new ProviderRefund(refundSn, paySn, null, "not known to the provider", null, null, null, null, true);
    }
}
