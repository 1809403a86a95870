package com.paygate.sandbox.store;

import java.time.OffsetDateTime;

/**
 * A refund of a paid trade as the provider remembers it. Immutable; {@link RefundStore} swaps versions atomically.
 *
 * @param outRefundNo WeChat out_refund_no, Alipay out_request_no (unique per trade there, not per merchant)
 * @param refundId the provider's id (WeChat refund_id; Alipay has none of its own and answers with trade_no)
 * @param requestFingerprint the normalised request, so a repeated out_refund_no can be told apart from a reuse
 * @param notifyUrl WeChat notify_url, null when none was given (no notification then)
 */
public record Refund(Provider provider, String outRefundNo, String outTradeNo, String transactionId, String refundId,
        long refundFen, long totalFen, String currency, String reason, String notifyUrl, String requestFingerprint,
        OffsetDateTime createdAt, RefundState state, OffsetDateTime successTime) {

    public Refund settled(RefundState newState, OffsetDateTime at) {
        return new Refund(provider, outRefundNo, outTradeNo, transactionId, refundId, refundFen, totalFen, currency, reason,
                notifyUrl, requestFingerprint, createdAt, newState, newState == RefundState.SUCCESS ? at : successTime);
    }
}
