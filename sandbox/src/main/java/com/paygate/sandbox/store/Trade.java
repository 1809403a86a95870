package com.paygate.sandbox.store;

import java.time.OffsetDateTime;

/**
 * A provider-side trade as the sandbox remembers it: what the merchant asked for at prepay / wap.pay and where it
 * stands. Immutable; {@link TradeStore} swaps versions atomically.
 *
 * @param tradeType WeChat JSAPI / MWEB / NATIVE, Alipay's product code (QUICK_WAP_WAY, FAST_INSTANT_TRADE_PAY,
 *     FACE_TO_FACE_PAYMENT)
 * @param checkoutId the id in the payer-facing URL (prepay_id, h5 or native id, Alipay cashier id)
 * @param merchantId WeChat mchid, Alipay seller id
 * @param requestFingerprint the normalised prepay request, so a repeated out_trade_no can be told apart from a reuse
 * @param returnUrl Alipay return_url (WeChat H5 passes redirect_url to the checkout page instead)
 */
public record Trade(Provider provider, String outTradeNo, String tradeType, String checkoutId, String appId,
        String merchantId, String description, long totalFen, String currency, String notifyUrl, String returnUrl,
        String payerOpenid, String payerClientIp, OffsetDateTime timeExpire, String requestFingerprint,
        OffsetDateTime createdAt, TradeState state, String transactionId, OffsetDateTime successTime,
        String buyerId, String buyerLogonId) {

    public Trade paid(String transactionId, OffsetDateTime at, String buyerId, String buyerLogonId) {
        return with(TradeState.SUCCESS, transactionId, at, buyerId, buyerLogonId);
    }

    public Trade failed(String transactionId) {
        return with(TradeState.PAYERROR, transactionId, null, buyerId, buyerLogonId);
    }

    public Trade closed() {
        return with(TradeState.CLOSED, transactionId, successTime, buyerId, buyerLogonId);
    }

    private Trade with(TradeState newState, String txId, OffsetDateTime at, String buyer, String buyerLogon) {
        return new Trade(provider, outTradeNo, tradeType, checkoutId, appId, merchantId, description, totalFen, currency,
                notifyUrl, returnUrl, payerOpenid, payerClientIp, timeExpire, requestFingerprint, createdAt, newState, txId,
                at, buyer, buyerLogon);
    }
}
