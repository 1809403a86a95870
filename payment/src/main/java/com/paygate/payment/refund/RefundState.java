package com.paygate.payment.refund;

/** A refund's states, named as WeChat Pay names them (Alipay's synchronous answers map onto SUCCESS / CLOSED). */
public enum RefundState {
    PROCESSING, SUCCESS, ABNORMAL, CLOSED;

    /** States whose amount is (or may still become) money returned: they count against what can be refunded. */
    public boolean holdsAmount() {
        return this == PROCESSING || this == SUCCESS;
    }
}
