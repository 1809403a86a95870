package com.paygate.payment.provider.wechat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.common.crypto.WechatPaySignatures;
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
import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * WeChat Pay API v3: JSAPI, H5 and Native prepay, query by out_trade_no, close, domestic refunds. One instance per
 * set of merchant settings, built by {@link WechatProviders}: the live merchant and the test-mode one.
 */
public class WechatPayProvider implements PaymentProvider {

    public static final String ID = "wechat";

    /**
     * WeChat Pay v3's documented 4xx business codes: a verified answer with one of these is a clear refusal, so
     * nothing happened. SYSTEM_ERROR, BANK_ERROR and FREQUENCY_LIMITED come as 5xx/429 (unavailable).
     */
    static final Set<String> BUSINESS_REFUSALS = Set.of("PARAM_ERROR", "INVALID_REQUEST", "NOT_ENOUGH", "NO_AUTH",
            "MCH_NOT_EXISTS", "APPID_MCHID_NOT_MATCH", "RESOURCE_NOT_EXISTS", "ORDER_NOT_EXIST", "ORDERPAID",
            "ORDER_CLOSED", "OUT_TRADE_NO_USED", "USER_ACCOUNT_ABNORMAL", "ACCOUNT_ERROR", "RULE_LIMIT", "TRADE_ERROR",
            "OPENID_MISMATCH", "SIGN_ERROR", "INVALID_TRANSACTIONID");
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    /** WeChat honours a prepay_id / code_url for 2 hours and an h5_url for 5 minutes (a margin for the redirect). */
    static final Duration PREPAY_ID_VALIDITY = Duration.ofHours(2).minusMinutes(1);
    static final Duration H5_URL_VALIDITY = Duration.ofMinutes(5).minusSeconds(30);

    private final WechatMerchant merchant;
    private final WechatPayClient client;
    private final WechatNotifications notifications;
    private final WechatBills bills;
    private final ObjectMapper json;

    WechatPayProvider(WechatMerchant merchant, WechatPayClient client, WechatNotifications notifications,
            WechatBills bills, ObjectMapper json) {
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

    @Override
    public String id() {
        return merchant.providerId();
    }

    public WechatMerchant merchant() {
        return merchant;
    }

    public WechatNotifications notifications() {
        return notifications;
    }

    /** Certificate mode: downloads the platform certificates again (public-key mode: nothing to do). */
    Uni<Void> refreshCertificates() {
        return merchant.enabled() && client.autoCertificates() ? client.refreshSoon() : Uni.createFrom().voidItem();
    }

    @Override
    public boolean enabled() {
        return merchant.enabled();
    }

    /** Payment results at {@code /notify/wechat/pay}, refund results at {@code /notify/wechat/refund}. */
    @Override
    public Set<String> notificationEndpoints() {
        return Set.of("pay", "refund");
    }

    @Override
    public Uni<NotificationStatement> verify(Notification n) {
        WechatNotifications.Headers headers = WechatNotifications.Headers.of(n);
        return "refund".equals(n.endpoint())
                ? notifications.parseRefund(headers, n.body()).map(NotificationStatement.RefundStated::new)
                : notifications.parse(headers, n.body()).map(status -> new NotificationStatement.PaymentStated(status, false));
    }

    /** 204: received (a duplicate of an applied one too); WeChat stops sending. */
    @Override
    public NotificationReply accepted() {
        return new NotificationReply(204, null, null);
    }

    /** Any other status with {"code":"FAIL","message"}: WeChat sends it again on its schedule. */
    @Override
    public NotificationReply refused(int status, String message) {
        return new NotificationReply(status, "application/json",
                json.createObjectNode().put("code", "FAIL").put("message", message).toString());
    }

    @Override
    public Uni<PrepayResult> prepay(PrepayRequest request) {
        Payment p = request.payment();
        String kind = switch (request.channel()) {
            case WECHAT_JSAPI -> "jsapi";
            case WECHAT_H5 -> "h5";
            case WECHAT_NATIVE -> "native";
            default -> throw new IllegalArgumentException("not a WeChat channel: " + request.channel());
        };
        ObjectNode body = json.createObjectNode()
                .put("appid", merchant.appId(p.payerApp))
                .put("mchid", merchant.mchId())
                .put("description", p.subject)
                .put("out_trade_no", p.paySn)
                .put("time_expire", p.expireAt.truncatedTo(ChronoUnit.SECONDS).atOffset(CHINA)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .put("notify_url", merchant.notifyUrl());
        body.putObject("amount").put("total", p.amountFen).put("currency", "CNY");
        if (request.channel() == Channel.WECHAT_JSAPI) {
            body.putObject("payer").put("openid", request.openid());
        } else if (request.channel() == Channel.WECHAT_H5) {
            ObjectNode scene = body.putObject("scene_info").put("payer_client_ip", request.clientIp());
            scene.putObject("h5_info").put("type", "Wap");
        }
        String text = write(body);
        return client.call("prepay (" + kind + ")", () -> client.api().prepay(kind, text))
                .map(reply -> {
                    JsonNode answer = okJson(reply, "prepay");
                    Instant now = Instant.now();
                    return switch (kind) {
                        case "jsapi" -> new PrepayResult(required(answer, "prepay_id"), null, now.plus(PREPAY_ID_VALIDITY));
                        case "h5" -> new PrepayResult(null, required(answer, "h5_url"), now.plus(H5_URL_VALIDITY));
                        default -> new PrepayResult(null, required(answer, "code_url"), now.plus(PREPAY_ID_VALIDITY));
                    };
                });
    }

    @Override
    public boolean knowsPayerApp(String payerApp) {
        return merchant.knowsApp(payerApp);
    }

    @Override
    public Map<String, Object> checkoutParameters(Payment payment) {
        Map<String, Object> params = new LinkedHashMap<>();
        switch (payment.channel) {
            case WECHAT_JSAPI -> {
                String timeStamp = Long.toString(Instant.now().getEpochSecond());
                String nonceStr = WechatPaySignatures.nonce();
                String pkg = "prepay_id=" + payment.prepayId;
                String appId = merchant.appId(payment.payerApp);
                params.put("appId", appId);
                params.put("timeStamp", timeStamp);
                params.put("nonceStr", nonceStr);
                params.put("package", pkg);
                params.put("signType", "RSA");
                params.put("paySign", merchant.sign(WechatPaySignatures.paySignMessage(appId, timeStamp, nonceStr, pkg)));
            }
            case WECHAT_H5 -> params.put("h5Url", payment.prepayUrl);
            case WECHAT_NATIVE -> params.put("codeUrl", payment.prepayUrl);
            default -> throw new IllegalArgumentException("not a WeChat channel: " + payment.channel);
        }
        return params;
    }

    @Override
    public Uni<ProviderStatus> query(Payment payment) {
        String what = "query of " + payment.paySn;
        return QueryRetry.of(what, () -> client.call(what, () -> client.api().query(payment.paySn, merchant.mchId())))
                .map(reply -> {
                    if (reply.status() == 404 && reply.signed()) {
                        return ProviderStatus.missing(id(), payment.paySn);
                    }
                    JsonNode tx = okJson(reply, "query");
                    try {
                        return WechatTransactions.read(tx, merchant);
                    } catch (RuntimeException e) {
                        throw ProviderException.unverifiable("WeChat Pay query answer rejected: " + e.getMessage(), e);
                    }
                });
    }

    @Override
    public Uni<Void> close(Payment payment) {
        String text = write(json.createObjectNode().put("mchid", merchant.mchId()));
        return client.call("close of " + payment.paySn, () -> client.api().close(payment.paySn, text))
                .map(reply -> {
                    // 204 closed; ORDER_CLOSED means it already was. Anything else (e.g. ORDER_PAID) is not closed.
                    if (reply.ok() || reply.signed() && "ORDER_CLOSED".equals(code(reply.body()))) {
                        return null;
                    }
                    throw refusal(reply, "close");
                });
    }

    /**
     * POST /v3/refund/domestic/refunds. Not retried here: the refund number makes a repeat safe, so an unknown
     * outcome (timeout) is settled by querying it later (RefundJobs), which re-sends it if WeChat never saw it.
     */
    @Override
    public Uni<ProviderRefund> refund(RefundRequest request) {
        Payment p = request.payment();
        ObjectNode body = json.createObjectNode()
                .put("out_trade_no", p.paySn)
                .put("out_refund_no", request.refundSn());
        if (request.reason() != null && !request.reason().isBlank()) {
            // WeChat shows the reason to the payer and allows 80 characters.
            String reason = request.reason().strip();
            body.put("reason", reason.length() > 80 ? reason.substring(0, 80) : reason);
        }
        merchant.refundNotifyUrl().ifPresent(url -> body.put("notify_url", url));
        body.putObject("amount").put("refund", request.refundFen()).put("total", p.amountFen).put("currency", "CNY");
        String text = write(body);
        return client.call("refund " + request.refundSn(), () -> client.api().refund(text))
                .map(reply -> refundAnswer(okJson(reply, "refund"), request.refundSn(), p.paySn));
    }

    @Override
    public Uni<ProviderRefund> queryRefund(Payment payment, String refundSn) {
        String what = "query of refund " + refundSn;
        return QueryRetry.of(what, () -> client.call(what, () -> client.api().queryRefund(refundSn)))
                .map(reply -> {
                    if (reply.status() == 404 && reply.signed()) {
                        return ProviderRefund.missing(refundSn, payment.paySn);
                    }
                    return refundAnswer(okJson(reply, "refund query"), refundSn, payment.paySn);
                });
    }

    private static ProviderRefund refundAnswer(JsonNode answer, String refundSn, String paySn) {
        ProviderRefund refund;
        try {
            refund = WechatRefunds.fromAnswer(answer);
        } catch (RuntimeException e) {
            throw ProviderException.unverifiable("WeChat Pay refund answer rejected: " + e.getMessage(), e);
        }
        if (!refundSn.equals(refund.refundSn()) || !paySn.equals(refund.paySn())) {
            throw ProviderException.unverifiable("WeChat Pay refund answer is for another refund");
        }
        return refund;
    }

    private JsonNode okJson(WechatPayClient.Reply reply, String what) {
        if (!reply.ok()) {
            throw refusal(reply, what);
        }
        try {
            JsonNode node = json.readTree(reply.body());
            if (node == null || !node.isObject()) {
                throw ProviderException.unverifiable("WeChat Pay " + what + " answer is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ProviderException.unverifiable("WeChat Pay " + what + " answer is not JSON", e);
        }
    }

    /**
     * A 4xx is a refusal only when WeChat signed it and its code is one WeChat documents; anything else (an unsigned
     * page from a proxy, an unknown code) is an answer we cannot read.
     */
    private ProviderException refusal(WechatPayClient.Reply reply, String what) {
        String code = code(reply.body());
        String message = "WeChat Pay " + what + " answered " + reply.status() + " " + code + (reply.signed() ? "" : " (unsigned)");
        return reply.signed() && reply.status() >= 400 && reply.status() < 500 && BUSINESS_REFUSALS.contains(code)
                ? ProviderException.rejected(code, message)
                : ProviderException.unverifiable(message);
    }

    private String code(String body) {
        try {
            return json.readTree(body).path("code").asText("");
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private static String required(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isEmpty()) {
            throw ProviderException.unverifiable("WeChat Pay answer lacks " + field);
        }
        return value;
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
