package com.paygate.payment.domain;

/** A refund's states, named as WeChat Pay names them (Alipay's synchronous answers map onto SUCCESS / CLOSED). */
public enum RefundState {
    PROCESSING, SUCCESS, ABNORMAL, CLOSED;

    /**
     * States whose amount is (or may still become) money returned, so it counts against what can be refunded. An
     * ABNORMAL refund's money is still owed to the payer (WeChat keeps it until the merchant settles it by hand),
     * so only CLOSED gives the amount back.
     */
    public boolean holdsAmount() {
        return this != CLOSED;
    }
}
