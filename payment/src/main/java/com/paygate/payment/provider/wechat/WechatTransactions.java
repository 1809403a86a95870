package com.paygate.payment.provider.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.paygate.payment.domain.PaymentState;
import com.paygate.payment.provider.ProviderStatus;
import java.time.OffsetDateTime;

/** Reads a WeChat Pay transaction (query answer or decrypted notification) into our terms, in one place. */
final class WechatTransactions {

    private WechatTransactions() {
    }

    /** Thrown when the transaction is for another merchant or app: never applied. */
    static final class ForeignTransaction extends RuntimeException {
        ForeignTransaction(String message) {
            super(message, null, false, false);
        }
    }

    static ProviderStatus read(JsonNode tx, WechatMerchant merchant) {
        if (!merchant.mchId().equals(tx.path("mchid").asText())) {
            throw new ForeignTransaction("mchid mismatch");
        }
        if (!merchant.isOurs(tx.path("appid").asText())) {
            throw new ForeignTransaction("appid mismatch");
        }
        String successTime = tx.path("success_time").asText(null);
        // amount.total is what the order cost; payer_total is lower when a coupon paid part of it.
        JsonNode total = tx.path("amount").path("total");
        return new ProviderStatus(merchant.providerId(),
                tx.path("out_trade_no").asText(null),
                state(tx.path("trade_state").asText("")),
                tx.path("trade_state_desc").asText(null),
                tx.path("transaction_id").asText(null),
                total.isIntegralNumber() && total.canConvertToLong() ? total.asLong() : null,
                successTime == null || successTime.isEmpty() ? null : OffsetDateTime.parse(successTime).toInstant(),
                false);
    }

    /** WeChat trade_state -> our state; REVOKED (cancelled payment code) counts as closed. */
    static PaymentState state(String tradeState) {
        return switch (tradeState) {
            case "SUCCESS" -> PaymentState.SUCCESS;
            case "REFUND" -> PaymentState.REFUND;
            case "NOTPAY" -> PaymentState.NOTPAY;
            case "CLOSED", "REVOKED" -> PaymentState.CLOSED;
            case "USERPAYING" -> PaymentState.USERPAYING;
            case "PAYERROR" -> PaymentState.PAYERROR;
            default -> throw new IllegalArgumentException("unknown trade_state " + tradeState);
        };
    }
}
