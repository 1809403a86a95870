package com.paygate.sandbox.wechat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.sandbox.config.SandboxConfig;
import com.paygate.sandbox.faults.Faults;
import com.paygate.sandbox.notify.NotificationService;
import com.paygate.sandbox.store.Provider;
import com.paygate.sandbox.store.Refund;
import com.paygate.sandbox.store.RefundState;
import com.paygate.sandbox.store.RefundStore;
import com.paygate.sandbox.store.Trade;
import com.paygate.sandbox.store.TradeState;
import com.paygate.sandbox.store.TradeStore;
import com.paygate.sandbox.wechat.WechatPayService.SignedRequest;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * WeChat Pay v3 domestic refunds. A refund is accepted as PROCESSING, settles after {@code sandbox.refund-settle-ms}
 * (SUCCESS; ABNORMAL under the refundFail fault, CLOSED under refundClose) and is then notified to its notify_url
 * like a payment (REFUND.SUCCESS / .ABNORMAL / .CLOSED, encrypted resource of original_type "refund", same retry
 * schedule).
 * The sum of a trade's refunds never exceeds what it paid, checked atomically in {@link RefundStore}.
 */
@ApplicationScoped
public class WechatRefundService {

    private static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,64}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final WechatAuthenticator authenticator;
    private final TradeStore trades;
    private final RefundStore refunds;
    private final WechatRefundView view;
    private final WechatProtocol protocol;
    private final NotificationService notifications;
    private final Faults faults;
    private final Vertx vertx;
    private final SandboxConfig config;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    public WechatRefundService(WechatAuthenticator authenticator, TradeStore trades, RefundStore refunds,
            WechatRefundView view, WechatProtocol protocol, NotificationService notifications, Faults faults, Vertx vertx,
            SandboxConfig config, ObjectMapper json) {
        this.authenticator = authenticator;
        this.trades = trades;
        this.refunds = refunds;
        this.view = view;
        this.protocol = protocol;
        this.notifications = notifications;
        this.faults = faults;
        this.vertx = vertx;
        this.config = config;
        this.json = json;
    }

    public WechatAnswer create(SignedRequest request) {
        String mchid = authenticator.authenticate(request.authorization(), "POST", request.pathWithQuery(), request.body());
        JsonNode body = parse(request.body());
        Trade trade = trade(body, mchid);
        String outRefundNo = body.path("out_refund_no").asText("");
        if (!OUT_REFUND_NO.matcher(outRefundNo).matches()) {
            throw WechatError.param("out_refund_no is required: 1..64 of 0-9 a-z A-Z _ - | * @");
        }
        String reason = body.hasNonNull("reason") ? body.path("reason").asText() : null;
        if (reason != null && reason.length() > 80) {
            throw WechatError.param("reason is at most 80 characters");
        }
        String notifyUrl = body.hasNonNull("notify_url") ? body.path("notify_url").asText() : null;
        if (notifyUrl != null && (notifyUrl.length() > 256 || !notifyUrl.matches("https?://[^\\s]+"))) {
            throw WechatError.param("notify_url must be an absolute http(s) URL of at most 256 characters");
        }
        JsonNode amount = body.path("amount");
        long refund = positive(amount, "refund");
        long total = positive(amount, "total");
        if (!"CNY".equals(amount.path("currency").asText(null))) {
            throw WechatError.param("amount.currency is required and must be CNY");
        }
        if (trade.state() != TradeState.SUCCESS) {
            throw new WechatError(400, "INVALID_REQUEST", "订单状态不正确，未支付的订单不能退款");
        }
        if (total != trade.totalFen()) {
            throw WechatError.param("amount.total " + total + " 与订单金额 " + trade.totalFen() + " 不一致");
        }
        String fingerprint = String.join("|", trade.outTradeNo(), Long.toString(refund), Long.toString(total));
        RefundState outcome = faults.current().refundClose() ? RefundState.CLOSED
                : faults.current().refundFail() ? RefundState.ABNORMAL : RefundState.SUCCESS;
        Refund candidate = new Refund(Provider.WECHAT, outRefundNo, trade.outTradeNo(), trade.transactionId(), newRefundId(),
                refund, total, "CNY", reason, notifyUrl, fingerprint, OffsetDateTime.now(), RefundState.PROCESSING, null);
        RefundStore.Created created = refunds.create(candidate, trade.totalFen(),
                () -> new WechatError(400, "INVALID_REQUEST", "申请退款金额超过订单可退金额"));
        Refund stored = created.refund();
        if (!created.created() && !stored.requestFingerprint().equals(fingerprint)) {
            // Same out_refund_no, different trade or amount: WeChat refunds once per number and refuses the change.
            throw new WechatError(400, "INVALID_REQUEST", "商户退款单号重复，且与原退款请求参数不一致");
        }
        if (created.created()) {
            // The business day is decided when the refund is accepted: a refund asked for under businessDayShift
            // succeeds on the shifted day even if the knob is reset before it settles.
            int dayShift = faults.current().businessDayShift();
            vertx.setTimer(Math.max(1, config.refundSettleMs()), id -> settle(stored, mchid, outcome, dayShift));
        }
        return new WechatAnswer(200, view.of(stored).toString());
    }

    public WechatAnswer query(String outRefundNo, SignedRequest request) {
        authenticator.authenticate(request.authorization(), "GET", request.pathWithQuery(), "");
        Refund refund = refunds.find(Provider.WECHAT, null, outRefundNo)
                .orElseThrow(() -> new WechatError(404, "RESOURCE_NOT_EXISTS", "退款单不存在"));
        return new WechatAnswer(200, view.of(refund).toString());
    }

    private void settle(Refund refund, String mchid, RefundState outcome, int dayShift) {
        Refund settled = refunds.update(refund, r -> r.state() == RefundState.PROCESSING
                ? r.settled(outcome, Faults.businessTime(dayShift)) : r).orElse(null);
        if (settled == null || settled.state() != outcome || settled.notifyUrl() == null) {
            return;
        }
        notifications.refundSettled(protocol, protocol.encryptedEvent(settled.outTradeNo(), settled.notifyUrl(),
                OffsetDateTime.now(), "REFUND." + outcome.name(), summary(outcome), "refund",
                view.notification(settled, mchid).toString()));
    }

    private static String summary(RefundState state) {
        return switch (state) {
            case SUCCESS -> "退款成功";
            case ABNORMAL -> "退款异常";
            case CLOSED -> "退款关闭";
            case PROCESSING -> "退款处理中";
        };
    }

    private Trade trade(JsonNode body, String mchid) {
        String outTradeNo = body.hasNonNull("out_trade_no") ? body.path("out_trade_no").asText() : null;
        String transactionId = body.hasNonNull("transaction_id") ? body.path("transaction_id").asText() : null;
        if (outTradeNo == null && transactionId == null) {
            throw WechatError.param("out_trade_no or transaction_id is required");
        }
        return (transactionId != null ? trades.findByTransactionId(transactionId) : trades.find(outTradeNo))
                .filter(t -> t.provider() == Provider.WECHAT && t.merchantId().equals(mchid))
                .filter(t -> outTradeNo == null || outTradeNo.equals(t.outTradeNo()))
                .orElseThrow(() -> new WechatError(404, "RESOURCE_NOT_EXISTS", "订单不存在"));
    }

    private JsonNode parse(String text) {
        try {
            JsonNode body = json.readTree(text);
            if (body == null || !body.isObject()) {
                throw WechatError.param("Request body is not a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw WechatError.param("Request body is not valid JSON");
        }
    }

    private static long positive(JsonNode amount, String field) {
        JsonNode value = amount.path(field);
        if (!value.isIntegralNumber() || value.asLong() < 1) {
            throw WechatError.param("amount." + field + " is required: a whole number of fen, at least 1");
        }
        return value.asLong();
    }

    private String newRefundId() {
        StringBuilder id = new StringBuilder("503").append(OffsetDateTime.now(WechatTransactionView.CHINA).format(DAY));
        while (id.length() < 29) {
            id.append(random.nextInt(10));
        }
        return id.toString();
    }
}
