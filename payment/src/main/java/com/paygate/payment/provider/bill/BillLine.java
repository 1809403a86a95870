package com.paygate.payment.provider.bill;

import java.time.Instant;

/**
 * One line of a provider's trade bill in our terms. Amounts in fen, always positive (a refund line's amount is what
 * went back); the fee in thousandths of a fen, because WeChat states fees to 0.00001 yuan (negative on a refund line:
 * the fee given back).
 *
 * @param outTradeNo  our pay_sn
 * @param outRefundNo our refund_sn (REFUND lines only; WeChat's 商户退款单号, Alipay's 退款批次号/请求号)
 * @param tradeType   the provider's trade type as written (JSAPI, NATIVE, MWEB, ...; Alipay: its 业务类型)
 * @param state       the provider's state as written (SUCCESS, REFUND, REVOKED; refund status for refund lines)
 * @param at          the line's time (WeChat 交易时间, Alipay 完成时间), read as China time (+08:00)
 */
public record BillLine(Kind kind, String outTradeNo, String outRefundNo, String providerTradeNo, String providerRefundNo,
        long amountFen, long feeMilliFen, String tradeType, String state, Instant at) {

    public enum Kind {
        PAYMENT,
        REFUND
    }
}
