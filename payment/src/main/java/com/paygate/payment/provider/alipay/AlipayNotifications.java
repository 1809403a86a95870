package com.paygate.payment.provider.alipay;

import com.paygate.payment.provider.NotificationRejected;
import com.paygate.payment.provider.ProviderStatus;
import java.util.Map;

/**
 * Verifies an Alipay asynchronous notification (url-encoded form): RSA2 with Alipay's public key over every
 * parameter but sign and sign_type, then our app and seller. Only then does it become a {@link ProviderStatus};
 * existence of out_trade_no and the amount are checked where every provider's statements are applied.
 *
 * <p>Alipay also posts refunds to the payment's notify URL: the trade's parameters plus refund_fee, gmt_refund and
 * out_biz_no, with TRADE_SUCCESS after a partial refund and TRADE_CLOSED after a full one. Those only echo a
 * refund; they are marked so that nobody reads them as the payment being paid again or closed.
 */
public class AlipayNotifications {

    private final AlipayMerchant merchant;

    public AlipayNotifications(AlipayMerchant merchant) {
        this.merchant = merchant;
    }

    /** A verified notification: the trade as Alipay states it, and whether it only reports a refund. */
    public record Verified(ProviderStatus status, boolean refundEcho) {
    }

    public Verified parse(String body) {
        if (!merchant.enabled()) {
            throw reject("not_configured", "Alipay is not configured");
        }
        Map<String, String> params = form(body);
        if (params.get("sign") == null || params.get("sign").isEmpty()) {
            throw reject("missing_signature", "no sign");
        }
        String charset = params.get("charset");
        if (charset != null && !charset.isEmpty() && !"utf-8".equalsIgnoreCase(charset)) {
            // Read as UTF-8, a GBK notification's text would be misread (and its signature is over GBK bytes).
            throw reject("unsupported_charset", "charset " + clip(charset) + " is not utf-8");
        }
        if (!"RSA2".equals(params.get("sign_type"))) {
            throw reject("bad_sign_type", "sign_type is not RSA2");
        }
        if (!merchant.verifyNotification(params)) {
            throw reject("bad_signature", "signature does not verify");
        }
        if (!merchant.appId().equals(params.get("app_id"))) {
            throw reject("foreign_merchant", "app_id mismatch");
        }
        if (merchant.sellerId().isPresent() && !merchant.sellerId().get().equals(params.get("seller_id"))) {
            throw reject("foreign_merchant", "seller_id mismatch");
        }
        String outTradeNo = params.get("out_trade_no");
        if (outTradeNo == null || outTradeNo.isEmpty()) {
            throw reject("malformed", "no out_trade_no");
        }
        try {
            String tradeNo = params.get("trade_no");
            ProviderStatus status = new ProviderStatus(merchant.providerId(), outTradeNo, AlipayTrades.state(params.get("trade_status")),
                    params.get("trade_status"), tradeNo == null || tradeNo.isEmpty() ? null : tradeNo,
                    AlipayTrades.fen(params.get("total_amount")), AlipayTrades.parseTime(params.get("gmt_payment")), false);
            boolean refundEcho = params.containsKey("refund_fee") || params.containsKey("gmt_refund");
            return new Verified(status, refundEcho);
        } catch (IllegalArgumentException e) {
            throw reject("malformed", e.getMessage());
        }
    }

    private static Map<String, String> form(String body) {
        if (body == null || body.isBlank()) {
            throw reject("malformed", "empty body");
        }
        try {
            return AlipayClient.parseForm(body.trim());
        } catch (IllegalArgumentException e) {
            throw reject("malformed", e.getMessage());
        }
    }

    private static String clip(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "..." : value;
    }

    private static NotificationRejected reject(String reason, String message) {
        return new NotificationRejected(reason, 400, message);
    }
}
