package com.paygate.sandbox.alipay;

import com.paygate.common.crypto.AlipaySignContent;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.notify.Notification;
import com.paygate.sandbox.notify.ProviderProtocol;
import com.paygate.sandbox.store.Provider;
import com.paygate.sandbox.store.Trade;
import com.paygate.sandbox.store.TradeState;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Alipay's asynchronous notification: a signed url-encoded form (sign over everything but sign and sign_type),
 * acknowledged only by the plain text {@code success}; and the signed synchronous return to return_url.
 */
@ApplicationScoped
public class AlipayProtocol implements ProviderProtocol {

    /** Alipay's documented schedule: 4m, 10m, 10m, 1h, 2h, 6h, 15h. */
    private static final List<Duration> SCHEDULE = List.of(Duration.ofMinutes(4), Duration.ofMinutes(10), Duration.ofMinutes(10),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(15));
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final SandboxIdentity identity;
    private final SecureRandom random = new SecureRandom();

    public AlipayProtocol(SandboxIdentity identity) {
        this.identity = identity;
    }

    public static String tradeStatus(TradeState state) {
        return switch (state) {
            case SUCCESS -> "TRADE_SUCCESS";
            case CLOSED -> "TRADE_CLOSED";
            default -> "WAIT_BUYER_PAY";
        };
    }

    @Override
    public Provider provider() {
        return Provider.ALIPAY;
    }

    @Override
    public String newTransactionId() {
        return OffsetDateTime.now(AlipayFormats.BEIJING).format(DAY) + "22001" + digits(15);
    }

    @Override
    public Notification paid(Trade trade, long amountDelta) {
        return notification(trade, amountDelta, OffsetDateTime.now());
    }

    @Override
    public Notification stale(Trade earlier) {
        return notification(earlier, 0, earlier.createdAt());
    }

    /**
     * What Alipay posts to the trade's notify_url after a refund: the trade's notification plus out_biz_no (the
     * refund's out_request_no), refund_fee (everything refunded so far, yuan) and gmt_refund; trade_status stays
     * TRADE_SUCCESS after a partial refund and is TRADE_CLOSED once the trade is refunded in full.
     * {@code refundedAt} is the refund's (business) time; notify_time is now.
     */
    public Notification refunded(Trade trade, String outRequestNo, long refundedTotalFen, OffsetDateTime refundedAt) {
        Map<String, String> extra = AlipayFormats.newParams();
        extra.put("out_biz_no", outRequestNo);
        extra.put("refund_fee", AlipayFormats.yuan(refundedTotalFen));
        extra.put("gmt_refund", AlipayFormats.time(refundedAt));
        extra.put("trade_status", refundedTotalFen >= trade.totalFen() ? "TRADE_CLOSED" : "TRADE_SUCCESS");
        return notification(trade, 0, OffsetDateTime.now(), extra);
    }

    private Notification notification(Trade trade, long amountDelta, OffsetDateTime at) {
        return notification(trade, amountDelta, at, Map.of());
    }

    private Notification notification(Trade trade, long amountDelta, OffsetDateTime at, Map<String, String> extra) {
        String notifyId = "2024" + digits(30);
        String amount = AlipayFormats.yuan(trade.totalFen() + amountDelta);
        Map<String, String> params = AlipayFormats.newParams();
        params.put("gmt_create", AlipayFormats.time(trade.createdAt()));
        params.put("charset", "utf-8");
        params.put("seller_email", "sandbox-seller@paygate.example");
        params.put("subject", trade.description());
        params.put("buyer_id", trade.buyerId() == null ? "" : trade.buyerId());
        params.put("invoice_amount", trade.state() == TradeState.SUCCESS ? amount : "");
        params.put("notify_id", notifyId);
        params.put("notify_type", "trade_status_sync");
        params.put("trade_status", tradeStatus(trade.state()));
        params.put("receipt_amount", trade.state() == TradeState.SUCCESS ? amount : "");
        params.put("buyer_pay_amount", trade.state() == TradeState.SUCCESS ? amount : "");
        params.put("app_id", trade.appId());
        params.put("sign_type", "RSA2");
        params.put("seller_id", trade.merchantId());
        params.put("gmt_payment", trade.successTime() == null ? "" : AlipayFormats.time(trade.successTime()));
        params.put("notify_time", AlipayFormats.time(at));
        params.put("version", "1.0");
        params.put("out_trade_no", trade.outTradeNo());
        params.put("total_amount", amount);
        params.put("trade_no", trade.transactionId() == null ? "" : trade.transactionId());
        params.put("auth_app_id", trade.appId());
        params.put("buyer_logon_id", trade.buyerLogonId() == null ? "" : trade.buyerLogonId());
        params.put("point_amount", "0.00");
        params.putAll(extra);
        params.values().removeIf(String::isEmpty);
        params.put("sign", RsaSha256.sign(identity.alipayPrivateKey(), AlipaySignContent.of(params, AlipaySignContent.NOTIFY_EXCLUDED)));
        return new Notification(Provider.ALIPAY, trade.outTradeNo(), notifyId, trade.notifyUrl(),
                "application/x-www-form-urlencoded; charset=utf-8", AlipayFormats.form(params));
    }

    @Override
    public Map<String, String> headers(Notification notification) {
        return Map.of();
    }

    @Override
    public boolean accepted(int status, String body) {
        return status == 200 && "success".equals(body.trim());
    }

    @Override
    public String returnUrl(Trade trade, String requestedRedirect) {
        // Alipay only sends the payer back after a payment.
        if (trade.returnUrl() == null || trade.returnUrl().isBlank() || trade.state() != TradeState.SUCCESS) {
            return null;
        }
        Map<String, String> params = AlipayFormats.newParams();
        params.put("charset", "utf-8");
        params.put("out_trade_no", trade.outTradeNo());
        params.put("method", AlipayGatewayService.PC.equals(trade.tradeType()) ? "alipay.trade.page.pay.return"
                : "alipay.trade.wap.pay.return");
        params.put("total_amount", AlipayFormats.yuan(trade.totalFen()));
        if (trade.transactionId() != null) {
            params.put("trade_no", trade.transactionId());
        }
        params.put("auth_app_id", trade.appId());
        params.put("version", "1.0");
        params.put("app_id", trade.appId());
        params.put("sign_type", "RSA2");
        params.put("seller_id", trade.merchantId());
        params.put("timestamp", AlipayFormats.time(OffsetDateTime.now()));
        params.put("sign", RsaSha256.sign(identity.alipayPrivateKey(), AlipaySignContent.of(params, AlipaySignContent.NOTIFY_EXCLUDED)));
        String separator = URI.create(trade.returnUrl()).getRawQuery() == null ? "?" : "&";
        return trade.returnUrl() + separator + AlipayFormats.form(params);
    }

    @Override
    public List<Duration> retrySchedule() {
        return SCHEDULE;
    }

    private String digits(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }
}
