package com.paygate.sandbox.wechat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.paygate.sandbox.faults.Faults;
import com.paygate.sandbox.store.Provider;
import com.paygate.sandbox.store.Trade;
import com.paygate.sandbox.store.TradeState;
import com.paygate.sandbox.store.TradeStore;
import jakarta.enterprise.context.ApplicationScoped;

/** WeChat Pay v3's transaction APIs (prepay, query, close) over the in-memory trades. */
@ApplicationScoped
public class WechatPayService {

    private final WechatAuthenticator authenticator;
    private final PrepayRequests requests;
    private final TradeStore store;
    private final WechatTransactionView view;
    private final ObjectMapper json;
    private final Faults faults;

    public WechatPayService(WechatAuthenticator authenticator, PrepayRequests requests, TradeStore store,
            WechatTransactionView view, ObjectMapper json, Faults faults) {
        this.faults = faults;
        this.authenticator = authenticator;
        this.requests = requests;
        this.store = store;
        this.view = view;
        this.json = json;
    }

    /** @param baseUrl where payers' browsers reach the sandbox, for h5_url */
    public WechatAnswer prepay(String tradeType, SignedRequest request, String baseUrl) {
        String mchid = authenticator.authenticate(request.authorization(), "POST", request.pathWithQuery(), request.body());
        Trade candidate = requests.parse(tradeType, mchid, request.body());
        Trade trade = store.putIfAbsent(candidate);
        if (trade != candidate) {
            // WeChat answers a repeated identical prepay with the same prepay, and refuses a reused number.
            if (trade.state() == TradeState.SUCCESS) {
                throw new WechatError(400, "ORDERPAID", "该订单已支付");
            }
            if (trade.state() == TradeState.CLOSED) {
                throw new WechatError(400, "ORDER_CLOSED", "该订单已关闭");
            }
            if (!trade.requestFingerprint().equals(candidate.requestFingerprint())) {
                throw new WechatError(400, "INVALID_REQUEST", "201 商户订单号重复");
            }
        }
        ObjectNode body = json.createObjectNode();
        switch (tradeType) {
            case "JSAPI" -> body.put("prepay_id", trade.checkoutId());
            case "MWEB" -> body.put("h5_url", baseUrl + "/sandbox/checkout/wechat-h5/" + trade.checkoutId());
            default -> body.put("code_url", "weixin://wxpay/bizpayurl?pr=" + trade.checkoutId());
        }
        return new WechatAnswer(200, body.toString());
    }

    public WechatAnswer query(String outTradeNo, String mchidParam, SignedRequest request) {
        String mchid = queryingMerchant(mchidParam, request);
        Trade trade = ownTrade(outTradeNo, mchid);
        return new WechatAnswer(200, queried(trade));
    }

    public WechatAnswer queryByTransactionId(String transactionId, String mchidParam, SignedRequest request) {
        String mchid = queryingMerchant(mchidParam, request);
        Trade trade = store.findByTransactionId(transactionId)
                .filter(t -> t.provider() == Provider.WECHAT && t.merchantId().equals(mchid))
                .orElseThrow(() -> new WechatError(404, "ORDER_NOT_EXIST", "订单不存在"));
        return new WechatAnswer(200, queried(trade));
    }

    /** The transaction as a query answers it, with the queryAmount fault applied. */
    private String queried(Trade trade) {
        Long delta = faults.queryAmountDelta();
        ObjectNode tx = view.of(trade, delta == null ? 0 : delta);
        if (delta == null) {
            tx.remove("amount");
        }
        return tx.toString();
    }

    private String queryingMerchant(String mchidParam, SignedRequest request) {
        String mchid = authenticator.authenticate(request.authorization(), "GET", request.pathWithQuery(), "");
        if (mchidParam == null || mchidParam.isBlank()) {
            throw WechatError.param("mchid is required");
        }
        if (!mchidParam.equals(mchid)) {
            throw WechatError.param("mchid does not match the merchant that signed the request");
        }
        return mchid;
    }

    public WechatAnswer close(String outTradeNo, SignedRequest request) {
        String mchid = authenticator.authenticate(request.authorization(), "POST", request.pathWithQuery(), request.body());
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw WechatError.param("Request body is not valid JSON");
        }
        if (body == null || !body.path("mchid").isTextual()) {
            throw WechatError.param("mchid is required");
        }
        if (!body.path("mchid").asText().equals(mchid)) {
            throw WechatError.param("mchid does not match the merchant that signed the request");
        }
        ownTrade(outTradeNo, mchid);
        store.update(outTradeNo, trade -> {
            if (trade.state() == TradeState.SUCCESS) {
                throw new WechatError(400, "ORDERPAID", "订单已支付");
            }
            return trade.state() == TradeState.CLOSED ? trade : trade.closed();
        });
        return new WechatAnswer(204, "");
    }

    private Trade ownTrade(String outTradeNo, String mchid) {
        return store.find(outTradeNo)
                .filter(t -> t.provider() == Provider.WECHAT && t.merchantId().equals(mchid))
                .orElseThrow(() -> new WechatError(404, "ORDER_NOT_EXIST", "订单不存在"));
    }

    /** What a signature covers: the Authorization header, the raw path with query, the exact body. */
    public record SignedRequest(String authorization, String pathWithQuery, String body) {
    }
}
