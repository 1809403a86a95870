package com.paygate.sandbox.wechat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.sandbox.keys.SandboxIdentity;
import com.paygate.sandbox.store.Provider;
import com.paygate.sandbox.store.Trade;
import com.paygate.sandbox.store.TradeState;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Reads and checks a prepay body as WeChat Pay does and turns it into a new trade. */
@ApplicationScoped
public class PrepayRequests {

    private static final Pattern OUT_TRADE_NO = Pattern.compile("[A-Za-z0-9_\\-*]{6,32}");
    private static final DateTimeFormatter PREPAY_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final SandboxIdentity identity;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    public PrepayRequests(SandboxIdentity identity, ObjectMapper json) {
        this.identity = identity;
        this.json = json;
    }

    /** @param tradeType JSAPI, MWEB or NATIVE */
    public Trade parse(String tradeType, String authenticatedMchid, String body) {
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw WechatError.param("Request body is not valid JSON");
        }
        if (request == null || !request.isObject()) {
            throw WechatError.param("Request body must be a JSON object");
        }
        String appid = text(request, "appid", true);
        String mchid = text(request, "mchid", true);
        if (!mchid.equals(authenticatedMchid)) {
            throw WechatError.param("mchid does not match the merchant that signed the request");
        }
        // The merchant's appids: its default (an official account / H5 site) and its mini-program's.
        if (!identity.id("wechat.app-id").equals(appid) && !identity.id("miniprogram.app-id").equals(appid)) {
            throw new WechatError(400, "APPID_MCHID_NOT_MATCH", "appid and mchid are not bound");
        }
        String description = text(request, "description", true);
        if (description.length() > 127) {
            throw WechatError.param("description longer than 127 characters");
        }
        String outTradeNo = text(request, "out_trade_no", true);
        if (!OUT_TRADE_NO.matcher(outTradeNo).matches()) {
            throw WechatError.param("out_trade_no must be 6-32 characters of letters, digits, _ - *");
        }
        String notifyUrl = notifyUrl(text(request, "notify_url", true));
        OffsetDateTime timeExpire = timeExpire(text(request, "time_expire", false));
        JsonNode amount = request.get("amount");
        if (amount == null || !amount.isObject()) {
            throw WechatError.param("amount is required");
        }
        JsonNode total = amount.get("total");
        if (total == null || !total.isIntegralNumber() || !total.canConvertToLong() || total.asLong() <= 0) {
            throw WechatError.param("amount.total must be a positive integer (fen)");
        }
        String currency = text(amount, "currency", false);
        if (currency != null && !"CNY".equals(currency)) {
            throw WechatError.param("amount.currency must be CNY");
        }
        String openid = request.path("payer").path("openid").asText(null);
        if ("JSAPI".equals(tradeType) && (openid == null || openid.isBlank())) {
            throw WechatError.param("payer.openid is required for JSAPI");
        }
        JsonNode scene = request.path("scene_info");
        String clientIp = scene.path("payer_client_ip").asText(null);
        if ("MWEB".equals(tradeType)) {
            if (clientIp == null || clientIp.isBlank()) {
                throw WechatError.param("scene_info.payer_client_ip is required for H5");
            }
            if (scene.path("h5_info").path("type").asText("").isBlank()) {
                throw WechatError.param("scene_info.h5_info.type is required for H5");
            }
        }
        String checkoutId = "NATIVE".equals(tradeType) ? randomAlnum(12) : prepayId();
        return new Trade(Provider.WECHAT, outTradeNo, tradeType, checkoutId, appid, mchid, description, total.asLong(), "CNY",
                notifyUrl, null, openid, clientIp, timeExpire, tradeType + ":" + canonical(request), OffsetDateTime.now(),
                TradeState.NOTPAY, null, null, null, null);
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw WechatError.param(field + " is required");
            }
            return null;
        }
        if (!value.isTextual() || (required && value.asText().isBlank())) {
            throw WechatError.param(field + " must be a non-empty string");
        }
        return value.asText();
    }

    private static String notifyUrl(String value) {
        try {
            URI uri = new URI(value);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!http || uri.getHost() == null) {
                throw WechatError.param("notify_url must be an absolute http(s) URL");
            }
            if (uri.getRawQuery() != null) {
                throw WechatError.param("notify_url must not carry query parameters");
            }
            return value;
        } catch (URISyntaxException e) {
            throw WechatError.param("notify_url is not a URL");
        }
    }

    private static OffsetDateTime timeExpire(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw WechatError.param("time_expire must be RFC 3339, e.g. 2018-06-08T10:34:56+08:00");
        }
    }

    /** Key order must not make two identical requests look different. */
    private static String canonical(JsonNode node) {
        if (!node.isObject()) {
            return node.toString();
        }
        Map<String, String> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            sorted.put(e.getKey(), canonical(e.getValue()));
        }
        return sorted.toString();
    }

    private String prepayId() {
        byte[] b = new byte[10];
        random.nextBytes(b);
        return "wx" + OffsetDateTime.now(WechatTransactionView.CHINA).format(PREPAY_ID_TIME) + HexFormat.of().formatHex(b);
    }

    private String randomAlnum(int n) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(chars.charAt(random.nextInt(chars.length())));
        }
        return s.toString();
    }

}
