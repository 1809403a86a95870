package com.paygate.payment.domain;

/** Payment states, named as WeChat Pay's trade_state so provider answers map one to one. */
public enum PaymentState {
    NOTPAY, USERPAYING, SUCCESS, CLOSED, PAYERROR, REFUND;

    /** Still waiting for the payer: the provider may yet report it paid, so it can be queried or closed. */
    public boolean isOpen() {
        return this == NOTPAY || this == USERPAYING || this == PAYERROR;
    }
}
