package com.paygate.sandbox.bills;

import java.time.OffsetDateTime;

/**
 * One row of a daily bill before it takes a provider's format: a payment, or a refund of a payment.
 *
 * @param time when it succeeded (the bill's 交易时间 / 完成时间 / 记账时间)
 * @param payer WeChat openid, Alipay buyer_logon_id; "" when unknown
 * @param createdAt when the trade was created (Alipay's 创建时间)
 * @param amountFen a payment's amount, or a refund's (positive either way; the formats give the signs)
 * @param refundId WeChat refund_id (Alipay has none); null on payments
 * @param outRefundNo WeChat out_refund_no, Alipay out_request_no; null on payments
 */
public record BillLine(Kind kind, OffsetDateTime time, String appId, String merchantId, String transactionId,
        String outTradeNo, String tradeType, String payer, String description, OffsetDateTime createdAt, long amountFen,
        String refundId, String outRefundNo, String reason) {

    public enum Kind {
        PAYMENT,
        REFUND
    }

    public boolean payment() {
        return kind == Kind.PAYMENT;
    }
}
