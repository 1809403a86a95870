package com.paygate.sandbox.faults;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The fault knobs in force. Every field is nullable in a {@code POST /sandbox/faults} body, where a missing field
 * keeps its current value; the effective settings never hold nulls.
 *
 * @param wechatMode which serial WeChat responses and notifications carry: {@code public-key}, {@code certificate}, or
 *     {@code certificate-rotated} (a second certificate with a new serial and key signs; both are listed)
 * @param refundFail refunds fail: a WeChat refund ends ABNORMAL (notified as REFUND.ABNORMAL), an Alipay refund is
 *     refused with ACQ.SELLER_BALANCE_NOT_ENOUGH
 * @param refundClose a WeChat refund ends CLOSED (notified as REFUND.CLOSED): WeChat gave up on it, no money moved
 * @param badAnswerSignature API calls do their work, but the answer's signature is corrupted (WeChat
 *     {@code Wechatpay-Signature}, Alipay {@code sign}): the merchant cannot trust what it was told
 * @param queryAmount what payment queries (WeChat's transaction query, Alipay's alipay.trade.query) say the trade's
 *     amount is: {@code exact}, {@code one-fen-more}, or {@code absent} (no amount at all); signed as usual
 * @param notificationDelayMs payment and refund notifications go out this long after the event (a provider whose
 *     notifications lag): until then only a query tells the merchant
 * @param businessDayShift days added to the business times the sandbox records (a trade's success time when paid, a
 *     refund's success time), so a test can put its trades and refunds on a day of its own and fetch that day's
 *     bill; signature, notification and request timestamps stay real time. Within -3650..0
 */
@RegisterForReflection
public record FaultSettings(Long apiDelayMs, Double apiErrorRate, Integer duplicateNotifications, Boolean outOfOrder,
        Boolean dropNotifications, Boolean wrongAmount, String wechatMode, Boolean refundFail, Boolean refundClose,
        Boolean badAnswerSignature, String queryAmount, Long notificationDelayMs, Integer businessDayShift) {

    public static final String QUERY_AMOUNT_EXACT = "exact";
    public static final String QUERY_AMOUNT_ONE_FEN_MORE = "one-fen-more";
    public static final String QUERY_AMOUNT_ABSENT = "absent";

    FaultSettings overriddenBy(FaultSettings change) {
        return new FaultSettings(
                change.apiDelayMs != null ? change.apiDelayMs : apiDelayMs,
                change.apiErrorRate != null ? change.apiErrorRate : apiErrorRate,
                change.duplicateNotifications != null ? change.duplicateNotifications : duplicateNotifications,
                change.outOfOrder != null ? change.outOfOrder : outOfOrder,
                change.dropNotifications != null ? change.dropNotifications : dropNotifications,
                change.wrongAmount != null ? change.wrongAmount : wrongAmount,
                change.wechatMode != null ? change.wechatMode : wechatMode,
                change.refundFail != null ? change.refundFail : refundFail,
                change.refundClose != null ? change.refundClose : refundClose,
                change.badAnswerSignature != null ? change.badAnswerSignature : badAnswerSignature,
                change.queryAmount != null ? change.queryAmount : queryAmount,
                change.notificationDelayMs != null ? change.notificationDelayMs : notificationDelayMs,
                change.businessDayShift != null ? change.businessDayShift : businessDayShift);
    }
}
