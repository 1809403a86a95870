package com.paygate.sandbox.store;

/**
 * One state set for both providers, named as WeChat names them; each provider's view maps it to its own words
 * (Alipay: NOTPAY and PAYERROR are WAIT_BUYER_PAY, SUCCESS is TRADE_SUCCESS, CLOSED is TRADE_CLOSED).
 * Refund states will live on refund records, not here: a refunded trade stays SUCCESS (WeChat) as the providers do.
 */
public enum TradeState {
    NOTPAY,
    USERPAYING,
    SUCCESS,
    PAYERROR,
    CLOSED;

    public boolean payable() {
        return this == NOTPAY || this == USERPAYING || this == PAYERROR;
    }
}
