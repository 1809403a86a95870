package com.paygate.payment.provider.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.paygate.payment.domain.RefundState;
import com.paygate.payment.provider.ProviderRefund;
import java.time.OffsetDateTime;

/** Reads a WeChat Pay refund (API answer or decrypted REFUND.* notification) into our terms, in one place. */
final class WechatRefunds {

    private WechatRefunds() {
    }

    /** Create / query answer: {@code status}; no mchid (the answer is signed for our merchant already). */
    static ProviderRefund fromAnswer(JsonNode refund) {
        return read(refund, refund.path("status").asText(""));
    }

    /** Decrypted notification resource: {@code refund_status} and our mchid. */
    static ProviderRefund fromNotification(JsonNode resource, WechatMerchant merchant) {
        if (!merchant.mchId().equals(resource.path("mchid").asText())) {
            throw new WechatTransactions.ForeignTransaction("mchid mismatch");
        }
        return read(resource, resource.path("refund_status").asText(""));
    }

    private static ProviderRefund read(JsonNode node, String status) {
        String refundSn = node.path("out_refund_no").asText("");
        if (refundSn.isEmpty()) {
            throw new IllegalArgumentException("out_refund_no missing");
        }
        JsonNode amount = node.path("amount");
        String successTime = node.path("success_time").asText("");
        return new ProviderRefund(refundSn, node.path("out_trade_no").asText(null), state(status), status,
                node.path("refund_id").asText(null),
                amount.path("refund").isIntegralNumber() ? amount.path("refund").asLong() : null,
                amount.path("total").isIntegralNumber() ? amount.path("total").asLong() : null,
                successTime.isEmpty() ? null : OffsetDateTime.parse(successTime).toInstant(), false);
    }

    static RefundState state(String status) {
        return switch (status) {
            case "SUCCESS" -> RefundState.SUCCESS;
            case "PROCESSING" -> RefundState.PROCESSING;
            case "ABNORMAL" -> RefundState.ABNORMAL;
            case "CLOSED" -> RefundState.CLOSED;
            default -> throw new IllegalArgumentException("unknown refund status " + status);
        };
    }
}
