package com.paygate.payment.provider.alipay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.payment.domain.Channel;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.provider.Notification;
import com.paygate.payment.provider.NotificationReply;
import com.paygate.payment.provider.NotificationStatement;
import com.paygate.payment.provider.PaymentProvider;
import com.paygate.payment.provider.ProviderException;
import com.paygate.payment.provider.ProviderRefund;
import com.paygate.payment.provider.ProviderStatus;
import com.paygate.payment.provider.QueryRetry;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alipay (open API, RSA2): WAP and desktop (page) pay as a signed GET URL to the gateway (the payer's browser opens
 * it; Alipay creates the trade then), QR pay by alipay.trade.precreate (the trade exists at once; its qr_code is
 * shown to the payer), alipay.trade.query and alipay.trade.close by out_trade_no, refunds (alipay.trade.refund with
 * out_request_no, alipay.trade.fastpay.refund.query).
 */
public class AlipayProvider implements PaymentProvider {

    public static final String ID = "alipay";
    static final String TRADE_NOT_EXIST = "ACQ.TRADE_NOT_EXIST";

    private final AlipayMerchant merchant;
    private final AlipayClient client;
    private final AlipayNotifications notifications;
    private final AlipayBills bills;
    private final ObjectMapper json;

    AlipayProvider(AlipayMerchant merchant, AlipayClient client, AlipayNotifications notifications, AlipayBills bills,
            ObjectMapper json) {
        this.merchant = merchant;
        this.client = client;
        this.notifications = notifications;
        this.bills = bills;
        this.json = json;
    }

    @Override
    public Uni<Optional<Bill>> downloadBill(LocalDate date, Path file) {
        return merchant.enabled() ? bills.download(date, file) : PaymentProvider.super.downloadBill(date, file);
    }

    /** One endpoint, {@code /notify/alipay}: trades and the refunds Alipay echoes to the trade's notify_url. */
    @Override
    public Set<String> notificationEndpoints() {
        return Set.of("");
    }

    @Override
    public Uni<NotificationStatement> verify(Notification n) {
        return Uni.createFrom().item(() -> {
            AlipayNotifications.Verified v = notifications.parse(n.body());
            return new NotificationStatement.PaymentStated(v.status(), v.refundEcho());
        });
    }

    /** Alipay stops re-sending only on the plain text {@code success}; it reads the body, so 200 either way. */
    @Override
    public NotificationReply accepted() {
        return new NotificationReply(200, "text/plain", "success");
    }

    /** {@code failure}: Alipay sends again on its schedule. */
    @Override
    public NotificationReply refused(int status, String message) {
        return new NotificationReply(200, "text/plain", "failure");
    }

    @Override
    public String id() {
        return merchant.providerId();
    }

    @Override
    public boolean enabled() {
        return merchant.enabled();
    }

    /**
     * WAP / PC: no call; the signed cashier URL is the prepay, stored so a reused payment sends the same trade (same
     * biz_content), re-signed with a fresh timestamp each time it is handed out. QR: alipay.trade.precreate, whose
     * qr_code is the prepay. Either is valid until the payment's time_expire.
     */
    @Override
    public Uni<PrepayResult> prepay(PrepayRequest request) {
        Payment p = request.payment();
        return switch (request.channel()) {
            case ALIPAY_WAP, ALIPAY_PC -> Uni.createFrom().item(() -> new PrepayResult(null,
                    cashierUrl(Cashier.of(request.channel()), p, request.returnUrl()), null));
            case ALIPAY_QR -> precreate(p);
            default -> throw new IllegalArgumentException("not an Alipay channel: " + request.channel());
        };
    }

    /** The browser cashiers: the mobile one (wap.pay) and the desktop one (page.pay). */
    enum Cashier {
        WAP("alipay.trade.wap.pay", "QUICK_WAP_WAY"),
        PC("alipay.trade.page.pay", "FAST_INSTANT_TRADE_PAY");

        final String method;
        final String productCode;

        Cashier(String method, String productCode) {
            this.method = method;
            this.productCode = productCode;
        }

        static Cashier of(Channel channel) {
            return channel == Channel.ALIPAY_PC ? PC : WAP;
        }
    }

    String cashierUrl(Cashier cashier, Payment p, String returnUrl) {
        ObjectNode biz = trade(p).put("product_code", cashier.productCode);
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("notify_url", merchant.notifyUrl());
        extra.put("return_url", returnUrl);
        return url(client.signedParams(cashier.method, write(biz), extra));
    }

    /**
     * A repeat for the same payment sends the same request, which Alipay answers with the same code; a business
     * refusal (ACQ.TRADE_HAS_SUCCESS, ...) is final for this prepay, anything unsigned or 20000 is unavailable.
     */
    private Uni<PrepayResult> precreate(Payment p) {
        return client.call("alipay.trade.precreate", write(trade(p)), Map.of("notify_url", merchant.notifyUrl()))
                .map(answer -> {
                    if (!answer.ok()) {
                        throw refusal(answer, "precreate");
                    }
                    String qrCode = answer.node().path("qr_code").asText("");
                    if (!p.paySn.equals(answer.node().path("out_trade_no").asText("")) || qrCode.isBlank()) {
                        throw ProviderException.unverifiable("Alipay precreate answered for another trade or without qr_code");
                    }
                    return new PrepayResult(null, qrCode, null);
                });
    }

    private ObjectNode trade(Payment p) {
        return json.createObjectNode()
                .put("out_trade_no", p.paySn)
                .put("total_amount", AlipayTrades.yuan(p.amountFen))
                .put("subject", p.subject)
                .put("time_expire", AlipayTrades.time(p.expireAt));
    }

    private String url(Map<String, String> params) {
        String gateway = merchant.gatewayUrl();
        return gateway + (URI.create(gateway).getRawQuery() == null ? "?" : "&") + AlipayClient.form(params);
    }

    @Override
    public Map<String, Object> checkoutParameters(Payment payment) {
        Map<String, Object> params = new LinkedHashMap<>();
        switch (payment.channel) {
            case ALIPAY_QR -> params.put("qrCode", payment.prepayUrl);
            case ALIPAY_WAP, ALIPAY_PC -> {
                // The stored trade with a fresh timestamp and signature, so a payment reused an hour later is not
                // refused as stale.
                Map<String, String> stored = AlipayClient.parseForm(URI.create(payment.prepayUrl).getRawQuery());
                Map<String, String> extra = new LinkedHashMap<>();
                extra.put("notify_url", stored.get("notify_url"));
                extra.put("return_url", stored.get("return_url"));
                params.put("payUrl", url(client.signedParams(stored.get("method"), stored.get("biz_content"), extra)));
            }
            default -> throw new IllegalArgumentException("not an Alipay channel: " + payment.channel);
        }
        return params;
    }

    @Override
    public Uni<ProviderStatus> query(Payment payment) {
        return QueryRetry.of("query of " + payment.paySn, () -> client.call("alipay.trade.query", outTradeNo(payment))).map(answer -> {
            if (!answer.ok()) {
                if (TRADE_NOT_EXIST.equals(answer.subCode())) {
                    // WAP trades exist at Alipay only once the payer opened the cashier.
                    return ProviderStatus.missing(id(), payment.paySn);
                }
                throw refusal(answer, "query");
            }
            JsonNode trade = answer.node();
            if (!payment.paySn.equals(trade.path("out_trade_no").asText())) {
                throw ProviderException.unverifiable("Alipay query answered for another out_trade_no");
            }
            try {
                String tradeNo = trade.path("trade_no").asText("");
                return new ProviderStatus(id(), payment.paySn, AlipayTrades.state(trade.path("trade_status").asText()),
                        trade.path("trade_status").asText(), tradeNo.isEmpty() ? null : tradeNo,
                        AlipayTrades.fen(trade.path("total_amount").asText(null)),
                        AlipayTrades.parseTime(trade.path("send_pay_date").asText(null)), false);
            } catch (IllegalArgumentException e) {
                throw ProviderException.unverifiable("Alipay query answer rejected: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Uni<Void> close(Payment payment) {
        return client.call("alipay.trade.close", outTradeNo(payment)).map(answer -> {
            // Never opened by the payer: there is nothing at Alipay to close. ACQ.TRADE_STATUS_ERROR (paid) is not closed.
            if (answer.ok() || TRADE_NOT_EXIST.equals(answer.subCode())) {
                return null;
            }
            throw refusal(answer, "close");
        });
    }

    /**
     * alipay.trade.refund is synchronous; out_request_no (our refund number) makes a repeat safe (Alipay answers
     * fund_change N for one it already did). Its answer carries the trade's refunded total, not this refund, so
     * success is confirmed by alipay.trade.fastpay.refund.query, which names this refund's amount.
     */
    @Override
    public Uni<ProviderRefund> refund(RefundRequest request) {
        Payment p = request.payment();
        ObjectNode biz = json.createObjectNode()
                .put("out_trade_no", p.paySn)
                .put("refund_amount", AlipayTrades.yuan(request.refundFen()))
                .put("out_request_no", request.refundSn());
        if (request.reason() != null && !request.reason().isBlank()) {
            String reason = request.reason().strip();
            biz.put("refund_reason", reason.length() > 256 ? reason.substring(0, 256) : reason);
        }
        return client.call("alipay.trade.refund", write(biz)).chain(answer -> {
            if (!answer.ok()) {
                // Only a refusal after which nothing surely moved is final; ACQ.SYSTEM_ERROR and the like are unknown.
                throw AlipayRefunds.FINAL_REFUSALS.contains(answer.subCode())
                        ? ProviderException.rejected(answer.subCode(), "Alipay refund refused: " + answer.describe())
                        : ProviderException.unverifiable("Alipay refund answered " + answer.describe());
            }
            if (!p.paySn.equals(answer.node().path("out_trade_no").asText(""))) {
                throw ProviderException.unverifiable("Alipay refund answered for another (or no) out_trade_no");
            }
            // Accepted: whatever the confirmation says or fails with, the outcome is at worst unknown, never "refused".
            return queryRefund(p, request.refundSn())
                    .onFailure().transform(f -> ProviderException.unavailable("Alipay refund accepted, confirmation failed: "
                            + f.getMessage(), f))
                    .map(refund -> {
                        if (refund.notFound()) {
                            throw ProviderException.unavailable("Alipay refund accepted but not yet visible to its query");
                        }
                        return refund;
                    });
        });
    }

    @Override
    public Uni<ProviderRefund> queryRefund(Payment payment, String refundSn) {
        String biz = write(json.createObjectNode().put("out_trade_no", payment.paySn).put("out_request_no", refundSn));
        return QueryRetry.of("query of refund " + refundSn, () -> client.call("alipay.trade.fastpay.refund.query", biz)).map(answer -> {
            if (!answer.ok()) {
                if (TRADE_NOT_EXIST.equals(answer.subCode())) {
                    return ProviderRefund.missing(refundSn, payment.paySn);
                }
                throw refusal(answer, "refund query");
            }
            return AlipayRefunds.fromQuery(answer.node(), refundSn, payment.paySn);
        });
    }

    /** A signed business refusal: final for what it refused (e.g. a close Alipay will not do). */
    private static ProviderException refusal(AlipayClient.Answer answer, String what) {
        return ProviderException.rejected(answer.subCode(), "Alipay " + what + " refused: " + answer.describe());
    }

    private String outTradeNo(Payment payment) {
        return write(json.createObjectNode().put("out_trade_no", payment.paySn));
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
