package com.paygate.payment.support;

import static io.restassured.RestAssured.given;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Alipay asynchronous notification as Alipay posts it, signed by the official SDK (the oracle) with Alipay's
 * key from the sandbox, or with another key, or changed after signing.
 */
public final class AlipayNotify {

    public final Map<String, String> params = new LinkedHashMap<>();
    public PrivateKey signingKey = Sandbox.alipayPrivateKey();

    public AlipayNotify(String outTradeNo, String totalAmount, String appId, String sellerId) {
        params.put("gmt_create", "2026-11-24 10:00:00");
        params.put("charset", "utf-8");
        params.put("seller_email", "sandbox-seller@paygate.example");
        params.put("subject", "Ticket 中文 & more");
        params.put("buyer_id", "2088102177846880");
        params.put("invoice_amount", totalAmount);
        params.put("notify_id", "2026112400222100000000000000000001");
        params.put("notify_type", "trade_status_sync");
        params.put("trade_status", "TRADE_SUCCESS");
        params.put("receipt_amount", totalAmount);
        params.put("buyer_pay_amount", totalAmount);
        params.put("app_id", appId);
        params.put("sign_type", "RSA2");
        params.put("seller_id", sellerId);
        params.put("gmt_payment", "2026-11-24 10:34:56");
        params.put("notify_time", "2026-11-24 10:34:57");
        params.put("version", "1.0");
        params.put("out_trade_no", outTradeNo);
        params.put("total_amount", totalAmount);
        params.put("trade_no", "2026112422001" + Math.abs(outTradeNo.hashCode()));
        params.put("auth_app_id", appId);
        params.put("buyer_logon_id", "sbx***@sandbox.example");
        params.put("point_amount", "0.00");
    }

    /** Signs the current parameters (everything but sign and sign_type, per the SDK's getSignCheckContentV1). */
    public AlipayNotify sign() {
        params.remove("sign");
        String content = AlipaySignature.getSignCheckContentV1(new LinkedHashMap<>(params));
        try {
            params.put("sign", AlipaySignature.rsaSign(content, Base64.getEncoder().encodeToString(signingKey.getEncoded()),
                    "utf-8", "RSA2"));
        } catch (AlipayApiException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public String form() {
        StringBuilder form = new StringBuilder();
        params.forEach((k, v) -> {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return form.toString();
    }

    public Response post() {
        return post(form());
    }

    public static Response post(String form) {
        return postTo("/notify/alipay", form);
    }

    /** To another provider's endpoint (the test-mode one, /notify/alipay-test). */
    public static Response postTo(String path, String form) {
        return given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded; charset=utf-8").body(form)
                .post(path);
    }
}
