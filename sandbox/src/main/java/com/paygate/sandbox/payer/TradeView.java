package com.paygate.sandbox.payer;

import com.paygate.sandbox.store.Trade;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A trade for inspection by tests and scripts (sandbox format, not a provider's). */
@RegisterForReflection
public record TradeView(String provider, String outTradeNo, String tradeType, String state, long totalFen, String description,
        String appId, String merchantId, String checkoutId, String transactionId, String successTime, String createdAt,
        String timeExpire, String notifyUrl, String returnUrl, String payerOpenid, String payerClientIp) {

    public static TradeView of(Trade t) {
        return new TradeView(t.provider().name(), t.outTradeNo(), t.tradeType(), t.state().name(), t.totalFen(), t.description(),
                t.appId(), t.merchantId(), t.checkoutId(), t.transactionId(), str(t.successTime()), str(t.createdAt()),
                str(t.timeExpire()), t.notifyUrl(), t.returnUrl(), t.payerOpenid(), t.payerClientIp());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
