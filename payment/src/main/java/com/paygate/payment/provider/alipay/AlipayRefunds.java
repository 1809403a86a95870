package com.paygate.payment.provider.alipay;

import com.fasterxml.jackson.databind.JsonNode;
import com.paygate.payment.domain.RefundState;
import com.paygate.payment.provider.ProviderException;
import com.paygate.payment.provider.ProviderRefund;
import java.util.Set;

/** Reads Alipay's refund answers (alipay.trade.refund, alipay.trade.fastpay.refund.query) into our terms, in one place. */
final class AlipayRefunds {

    /**
     * Refusals after which the refund surely did not happen (nothing moved): the refund is closed. Any other
     * refusal (ACQ.SYSTEM_ERROR and the like) leaves the outcome unknown, to be settled by a query.
     */
    static final Set<String> FINAL_REFUSALS = Set.of("ACQ.TRADE_NOT_EXIST", "ACQ.TRADE_STATUS_ERROR",
            "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "ACQ.SELLER_BALANCE_NOT_ENOUGH", "ACQ.INVALID_PARAMETER",
            "ACQ.TRADE_HAS_FINISHED", "ACQ.REFUND_FEE_ERROR", "ACQ.BUYER_ERROR",
            "ACQ.REASON_TRADE_REFUND_FEE_ERR", "ACQ.TRADE_NOT_ALLOW_REFUND", "ACQ.REFUND_CHARGE_ERROR");

    private AlipayRefunds() {
    }

    /**
     * fastpay.refund.query: {@code refund_amount} present (and {@code refund_status} REFUND_SUCCESS or absent, as in
     * older answers) = refunded; a bare success = Alipay has no such refund (not refunded).
     */
    static ProviderRefund fromQuery(JsonNode answer, String refundSn, String paySn) {
        String amount = answer.path("refund_amount").asText("");
        String status = answer.path("refund_status").asText("");
        if (amount.isEmpty() || !(status.isEmpty() || "REFUND_SUCCESS".equals(status))) {
            return ProviderRefund.missing(refundSn, paySn);
        }
        String outTradeNo = answer.path("out_trade_no").asText(paySn);
        String outRequestNo = answer.path("out_request_no").asText(refundSn);
        if (!paySn.equals(outTradeNo) || !refundSn.equals(outRequestNo)) {
            throw ProviderException.unverifiable("Alipay refund query answered for another refund");
        }
        String total = answer.path("total_amount").asText("");
        try {
            String tradeNo = answer.path("trade_no").asText("");
            return new ProviderRefund(refundSn, paySn, RefundState.SUCCESS, "REFUND_SUCCESS", tradeNo.isEmpty() ? null : tradeNo,
                    AlipayTrades.fen(amount), total.isEmpty() ? null : AlipayTrades.fen(total),
                    AlipayTrades.parseTime(answer.path("gmt_refund_pay").asText(null)), false);
        } catch (IllegalArgumentException e) {
            throw ProviderException.unverifiable("Alipay refund query answer rejected: " + e.getMessage(), e);
        }
    }
}
