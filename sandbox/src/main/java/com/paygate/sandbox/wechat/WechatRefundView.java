package com.paygate.sandbox.wechat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.sandbox.store.Refund;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A refund in WeChat Pay's formats: the API answer (create and query, the SDK's {@code Refund}) and the decrypted
 * notification resource (the SDK's {@code RefundNotification}). No coupons in the sandbox: payer amounts equal
 * the amounts, discount_refund is 0.
 */
@ApplicationScoped
public class WechatRefundView {

    private static final String RECEIVED_ACCOUNT = "支付用户零钱";

    private final ObjectMapper json;

    public WechatRefundView(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode of(Refund r) {
        ObjectNode node = json.createObjectNode()
                .put("refund_id", r.refundId())
                .put("out_refund_no", r.outRefundNo())
                .put("transaction_id", r.transactionId())
                .put("out_trade_no", r.outTradeNo())
                .put("channel", "ORIGINAL")
                .put("user_received_account", RECEIVED_ACCOUNT);
        if (r.successTime() != null) {
            node.put("success_time", WechatTransactionView.rfc3339(r.successTime()));
        }
        node.put("create_time", WechatTransactionView.rfc3339(r.createdAt()))
                .put("status", r.state().name())
                .put("funds_account", "AVAILABLE");
        node.putObject("amount")
                .put("total", r.totalFen())
                .put("refund", r.refundFen())
                .put("payer_total", r.totalFen())
                .put("payer_refund", r.refundFen())
                .put("settlement_refund", r.refundFen())
                .put("settlement_total", r.totalFen())
                .put("discount_refund", 0)
                .put("currency", r.currency())
                .put("refund_fee", 0)
                .putArray("from");
        node.putArray("promotion_detail");
        return node;
    }

    public ObjectNode notification(Refund r, String mchid) {
        ObjectNode node = json.createObjectNode()
                .put("mchid", mchid)
                .put("out_trade_no", r.outTradeNo())
                .put("transaction_id", r.transactionId())
                .put("out_refund_no", r.outRefundNo())
                .put("refund_id", r.refundId())
                .put("refund_status", r.state().name());
        if (r.successTime() != null) {
            node.put("success_time", WechatTransactionView.rfc3339(r.successTime()));
        }
        node.put("user_received_account", RECEIVED_ACCOUNT);
        node.putObject("amount")
                .put("total", r.totalFen())
                .put("refund", r.refundFen())
                .put("payer_total", r.totalFen())
                .put("payer_refund", r.refundFen());
        return node;
    }
}
