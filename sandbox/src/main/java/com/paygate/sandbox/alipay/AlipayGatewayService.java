package com.paygate.sandbox.alipay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.common.crypto.AlipaySignContent;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.sandbox.checkout.CheckoutPages;
import com.paygate.sandbox.faults.Faults;
import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.store.Provider;
import com.paygate.sandbox.store.Trade;
import com.paygate.sandbox.store.TradeState;
import com.paygate.sandbox.store.TradeStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;

/**
 * Alipay's open gateway for the methods the platform uses: alipay.trade.wap.pay and alipay.trade.page.pay (render
 * the mobile / desktop cashier), alipay.trade.precreate (creates the trade at once and answers the QR code a buyer
 * scans), alipay.trade.query, alipay.trade.close, and refunds (alipay.trade.refund,
 * alipay.trade.fastpay.refund.query, in {@link AlipayRefunds}) and the daily bill's download URL
 * (alipay.data.dataservice.bill.downloadurl.query, in {@link AlipayBillQuery}).
 */
@ApplicationScoped
public class AlipayGatewayService {

    private final SandboxIdentity identity;
    private final TradeStore store;
    private final AlipayResponder responder;
    private final CheckoutPages pages;
    private final AlipayRefunds refunds;
    private final AlipayBillQuery billQuery;
    private final ObjectMapper json;
    private final Faults faults;
    private final SecureRandom random = new SecureRandom();

    public AlipayGatewayService(SandboxIdentity identity, TradeStore store, AlipayResponder responder, CheckoutPages pages,
            AlipayRefunds refunds, AlipayBillQuery billQuery, ObjectMapper json, Faults faults) {
        this.faults = faults;
        this.billQuery = billQuery;
        this.refunds = refunds;
        this.identity = identity;
        this.store = store;
        this.responder = responder;
        this.pages = pages;
        this.json = json;
    }

    /** @param baseUrl where the merchant's server reached the gateway (for bill download URLs) */
    public AlipayAnswer call(Map<String, String> params, String baseUrl) {
        String method = params.get("method");
        if (method == null || method.isBlank()) {
            throw AlipayError.missing("isv.missing-method", "缺少方法名参数");
        }
        authenticate(params);
        JsonNode biz = bizContent(params);
        return switch (method) {
            case "alipay.trade.wap.pay" -> AlipayAnswer.page(pages.page(trade(params, biz, WAP), null));
            case "alipay.trade.page.pay" -> AlipayAnswer.page(pages.page(trade(params, biz, PC), null));
            case "alipay.trade.precreate" -> AlipayAnswer.api(precreate(params, biz));
            case "alipay.trade.query" -> AlipayAnswer.api(query(biz));
            case "alipay.trade.close" -> AlipayAnswer.api(close(biz));
            case "alipay.trade.refund" -> AlipayAnswer.api(refunds.refund(find(biz), biz));
            case "alipay.trade.fastpay.refund.query" -> AlipayAnswer.api(refunds.query(find(biz), biz));
            case AlipayBillQuery.METHOD -> AlipayAnswer.api(billQuery.query(biz, baseUrl));
            default -> throw AlipayError.invalid("isv.invalid-method", "不存在的方法名");
        };
    }

    private void authenticate(Map<String, String> params) {
        String appId = params.get("app_id");
        if (appId == null || appId.isBlank()) {
            throw AlipayError.missing("isv.missing-app-id", "缺少AppID参数");
        }
        if (!identity.id("alipay.app-id").equals(appId)) {
            throw AlipayError.invalid("isv.invalid-app-id", "无效的AppID参数");
        }
        if (params.get("sign") == null || params.get("sign").isBlank()) {
            throw AlipayError.missing("isv.missing-signature", "缺少签名参数");
        }
        if (!"RSA2".equals(params.get("sign_type"))) {
            throw AlipayError.invalid("isv.invalid-signature-type", "无效的签名类型");
        }
        String content = AlipaySignContent.of(params, AlipaySignContent.REQUEST_EXCLUDED);
        if (!RsaSha256.verify(identity.alipayMerchantPublicKey(), content, params.get("sign"))) {
            throw AlipayError.invalid("isv.invalid-signature", "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配");
        }
    }

    private JsonNode bizContent(Map<String, String> params) {
        String text = params.get("biz_content");
        if (text == null || text.isBlank()) {
            throw AlipayError.missing("isv.missing-biz-content", "缺少业务参数");
        }
        try {
            JsonNode biz = json.readTree(text);
            if (biz == null || !biz.isObject()) {
                throw AlipayError.invalid("isv.invalid-biz-content", "业务参数不是JSON对象");
            }
            return biz;
        } catch (JsonProcessingException e) {
            throw AlipayError.invalid("isv.invalid-biz-content", "业务参数不是合法的JSON");
        }
    }

    /** A buyer scanning the QR code opens this (the sandbox's stand-in for qr.alipay.com) with a phone. */
    public static final String QR_PREFIX = "https://qr.alipay.com/";
    static final String WAP = "QUICK_WAP_WAY";
    static final String PC = "FAST_INSTANT_TRADE_PAY";
    public static final String QR = "FACE_TO_FACE_PAYMENT";

    /** Answers {@code qr_code}; a repeat with the same request answers the same code, another request is refused. */
    private ObjectNode precreate(Map<String, String> params, JsonNode biz) {
        Trade trade = trade(params, biz, QR);
        return responder.success().put("out_trade_no", trade.outTradeNo()).put("qr_code", QR_PREFIX + trade.checkoutId());
    }

    /**
     * The trade a pay method names, created on first sight. {@code product_code} is optional for precreate only
     * (Alipay defaults it), required to match the method otherwise.
     */
    private Trade trade(Map<String, String> params, JsonNode biz, String productCode) {
        String outTradeNo = biz.path("out_trade_no").asText("");
        if (outTradeNo.isBlank() || outTradeNo.length() > 64) {
            throw AlipayError.business("ACQ.INVALID_PARAMETER", "out_trade_no 必填且不超过64个字符");
        }
        Long fen = AlipayFormats.fen(biz.path("total_amount").asText(""));
        if (fen == null) {
            throw AlipayError.business("ACQ.INVALID_PARAMETER", "total_amount 取值范围 [0.01,100000000]，精确到小数点后两位");
        }
        String subject = biz.path("subject").asText("");
        if (subject.isBlank() || subject.length() > 256) {
            throw AlipayError.business("ACQ.INVALID_PARAMETER", "subject 必填且不超过256个字符");
        }
        if (!productCode.equals(biz.path("product_code").asText(productCode))) {
            throw AlipayError.business("ACQ.INVALID_PARAMETER", "product_code 必须为 " + productCode);
        }
        OffsetDateTime timeExpire = null;
        if (biz.hasNonNull("time_expire")) {
            timeExpire = AlipayFormats.parseTime(biz.path("time_expire").asText());
            if (timeExpire == null) {
                throw AlipayError.business("ACQ.INVALID_PARAMETER", "time_expire 格式为 yyyy-MM-dd HH:mm:ss");
            }
        }
        String fingerprint = String.join("|", productCode, outTradeNo, Long.toString(fen), subject, String.valueOf(timeExpire),
                String.valueOf(params.get("notify_url")), String.valueOf(params.get("return_url")));
        Trade candidate = new Trade(Provider.ALIPAY, outTradeNo, productCode, "ap" + HexFormat.of().formatHex(bytes(12)),
                params.get("app_id"), identity.id("alipay.seller-id"), subject, fen, "CNY", params.get("notify_url"),
                params.get("return_url"), null, null, timeExpire, fingerprint, OffsetDateTime.now(), TradeState.NOTPAY, null, null,
                null, null);
        Trade trade = store.putIfAbsent(candidate);
        if (trade != candidate) {
            if (trade.provider() != Provider.ALIPAY || !trade.requestFingerprint().equals(fingerprint)) {
                throw AlipayError.business("ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改");
            }
            if (trade.state() == TradeState.SUCCESS) {
                throw AlipayError.business("ACQ.TRADE_HAS_SUCCESS", "交易已被支付");
            }
            if (trade.state() == TradeState.CLOSED) {
                throw AlipayError.business("ACQ.TRADE_HAS_CLOSE", "交易已经关闭");
            }
        }
        return trade;
    }

    private ObjectNode query(JsonNode biz) {
        Trade trade = find(biz);
        ObjectNode node = responder.success()
                .put("buyer_logon_id", trade.buyerLogonId() == null ? "" : trade.buyerLogonId())
                .put("buyer_pay_amount", trade.state() == TradeState.SUCCESS ? AlipayFormats.yuan(trade.totalFen()) : "0.00")
                .put("out_trade_no", trade.outTradeNo())
                .put("point_amount", "0.00")
                .put("receipt_amount", trade.state() == TradeState.SUCCESS ? AlipayFormats.yuan(trade.totalFen()) : "0.00");
        if (trade.successTime() != null) {
            node.put("send_pay_date", AlipayFormats.time(trade.successTime()));
        }
        Long delta = faults.queryAmountDelta(); // the queryAmount fault: another amount, or none
        if (delta != null) {
            node.put("total_amount", AlipayFormats.yuan(trade.totalFen() + delta));
        }
        if (trade.transactionId() != null) {
            node.put("trade_no", trade.transactionId());
        }
        node.put("trade_status", AlipayProtocol.tradeStatus(trade.state()));
        if (trade.buyerId() != null) {
            node.put("buyer_user_id", trade.buyerId());
        }
        return node;
    }

    private ObjectNode close(JsonNode biz) {
        Trade trade = find(biz);
        Trade closed = store.update(trade.outTradeNo(), t -> {
            if (t.state() == TradeState.SUCCESS) {
                throw AlipayError.business("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
            }
            return t.state() == TradeState.CLOSED ? t : t.closed();
        }).after();
        ObjectNode node = responder.success();
        if (closed.transactionId() != null) {
            node.put("trade_no", closed.transactionId());
        }
        return node.put("out_trade_no", closed.outTradeNo());
    }

    private Trade find(JsonNode biz) {
        String outTradeNo = biz.path("out_trade_no").asText(null);
        String tradeNo = biz.path("trade_no").asText(null);
        if (outTradeNo == null && tradeNo == null) {
            throw AlipayError.missing("isv.missing-parameter", "out_trade_no 和 trade_no 不能同时为空");
        }
        return (outTradeNo != null ? store.find(outTradeNo) : store.findByTransactionId(tradeNo))
                .filter(t -> t.provider() == Provider.ALIPAY)
                .filter(t -> tradeNo == null || tradeNo.equals(t.transactionId()))
                .orElseThrow(() -> AlipayError.business("ACQ.TRADE_NOT_EXIST", "交易不存在"));
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
