package com.paygate.sandbox.alipay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.sandbox.faults.Faults;
import com.paygate.sandbox.notify.NotificationService;
import com.paygate.sandbox.store.Provider;
import com.paygate.sandbox.store.Refund;
import com.paygate.sandbox.store.RefundState;
import com.paygate.sandbox.store.RefundStore;
import com.paygate.sandbox.store.Trade;
import com.paygate.sandbox.store.TradeState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * alipay.trade.refund and alipay.trade.fastpay.refund.query. Alipay refunds synchronously: a refund is SUCCESS
 * when answered (fund_change Y) or not made at all. A repeated out_request_no with the same amount answers the
 * earlier refund with fund_change N (the merchant's retry after a timeout); the sum of a trade's refunds never
 * exceeds what it paid (checked atomically in {@link RefundStore}). Each refund made is also posted to the trade's
 * notify_url, as Alipay does (see {@link AlipayProtocol#refunded}).
 */
@ApplicationScoped
public class AlipayRefunds {

    private final RefundStore refunds;
    private final AlipayResponder responder;
    private final Faults faults;
    private final AlipayProtocol protocol;
    private final NotificationService notifications;

    public AlipayRefunds(RefundStore refunds, AlipayResponder responder, Faults faults, AlipayProtocol protocol,
            NotificationService notifications) {
        this.refunds = refunds;
        this.responder = responder;
        this.faults = faults;
        this.protocol = protocol;
        this.notifications = notifications;
    }

    public ObjectNode refund(Trade trade, JsonNode biz) {
        Long fen = AlipayFormats.fen(biz.path("refund_amount").asText(""));
        if (fen == null) {
            throw AlipayError.business("ACQ.INVALID_PARAMETER", "refund_amount 必填，取值范围 [0.01,100000000]，精确到小数点后两位");
        }
        // Without out_request_no Alipay takes the trade number: one refund only, as a full refund would be.
        String outRequestNo = biz.hasNonNull("out_request_no") ? biz.path("out_request_no").asText() : trade.outTradeNo();
        if (outRequestNo.isBlank() || outRequestNo.length() > 64) {
            throw AlipayError.business("ACQ.INVALID_PARAMETER", "out_request_no 不超过64个字符");
        }
        String reason = biz.hasNonNull("refund_reason") ? biz.path("refund_reason").asText() : null;
        if (reason != null && reason.length() > 256) {
            throw AlipayError.business("ACQ.INVALID_PARAMETER", "refund_reason 不超过256个字符");
        }
        if (trade.state() != TradeState.SUCCESS) {
            throw AlipayError.business("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
        }
        Optional<Refund> earlier = refunds.find(Provider.ALIPAY, trade.outTradeNo(), outRequestNo);
        if (earlier.isEmpty() && faults.current().refundFail()) {
            throw AlipayError.business("ACQ.SELLER_BALANCE_NOT_ENOUGH", "卖家余额不足");
        }
        OffsetDateTime now = OffsetDateTime.now();
        Refund candidate = new Refund(Provider.ALIPAY, outRequestNo, trade.outTradeNo(), trade.transactionId(),
                trade.transactionId(), fen, trade.totalFen(), "CNY", reason, null, Long.toString(fen), now,
                RefundState.SUCCESS, faults.businessNow());
        RefundStore.Created created = refunds.create(candidate, trade.totalFen(),
                () -> AlipayError.business("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限"));
        if (!created.created() && !created.refund().requestFingerprint().equals(candidate.requestFingerprint())) {
            throw AlipayError.business("ACQ.INVALID_PARAMETER", "退款请求号 out_request_no 重复，且退款金额与原请求不一致");
        }
        long refundedTotal = refunds.refundedFen(Provider.ALIPAY, trade.outTradeNo());
        if (created.created() && trade.notifyUrl() != null) {
            notifications.refundSettled(protocol, protocol.refunded(trade, outRequestNo, refundedTotal,
                    created.refund().successTime()));
        }
        ObjectNode node = responder.success()
                .put("trade_no", trade.transactionId())
                .put("out_trade_no", trade.outTradeNo())
                .put("buyer_logon_id", trade.buyerLogonId() == null ? "" : trade.buyerLogonId())
                .put("fund_change", created.created() ? "Y" : "N")
                // refund_fee: everything refunded on the trade so far, this refund included.
                .put("refund_fee", AlipayFormats.yuan(refundedTotal))
                .put("gmt_refund_pay", AlipayFormats.time(created.refund().successTime()));
        if (trade.buyerId() != null) {
            node.put("buyer_user_id", trade.buyerId());
        }
        return node.put("send_back_fee", AlipayFormats.yuan(created.refund().refundFen()));
    }

    /**
     * Alipay answers an unknown out_request_no with a bare success (no refund_amount): the merchant reads that as
     * "no such refund", and a present refund_status REFUND_SUCCESS as refunded.
     */
    public ObjectNode query(Trade trade, JsonNode biz) {
        String outRequestNo = biz.path("out_request_no").asText("");
        if (outRequestNo.isBlank()) {
            throw AlipayError.missing("isv.missing-parameter", "out_request_no 不能为空");
        }
        ObjectNode node = responder.success();
        refunds.find(Provider.ALIPAY, trade.outTradeNo(), outRequestNo).ifPresent(r -> {
            node.put("trade_no", trade.transactionId())
                    .put("out_trade_no", trade.outTradeNo())
                    .put("out_request_no", r.outRefundNo())
                    .put("total_amount", AlipayFormats.yuan(trade.totalFen()))
                    .put("refund_amount", AlipayFormats.yuan(r.refundFen()))
                    .put("refund_status", "REFUND_SUCCESS")
                    .put("gmt_refund_pay", AlipayFormats.time(r.successTime()));
            if (r.reason() != null) {
                node.put("refund_reason", r.reason());
            }
        });
        return node;
    }
}
