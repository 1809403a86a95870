package com.paygate.sandbox.store;

/**
 * A refund's state as WeChat Pay names it. Alipay refunds are synchronous: they are created SUCCESS (Alipay's
 * REFUND_SUCCESS) or not at all.
 */
public enum RefundState {
    PROCESSING,
    SUCCESS,
    /** Could not reach the payer (WeChat "退款异常", e.g. the card was cancelled); the money stays owed. */
    ABNORMAL,
    CLOSED;

    /** Whether the refund holds part of the trade's refundable amount (only a closed refund gives it back). */
    public boolean holdsAmount() {
        return this != CLOSED;
    }
}
