package com.paygate.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;

/**
 * The body of POST /api/apps/payments. Start from {@link #of} with the four required fields and add the optional ones
 * with the withers; fields left null are not sent.
 *
 * @param openid the payer's openid, needed by WeChat JSAPI / mini-program channels
 * @param payerClientIp the payer's IP, needed by H5 channels
 * @param returnUrl where the payer's browser returns after paying (web and H5 channels)
 * @param expireAt when the payment closes if still unpaid; the platform's default applies when null
 * @param metadata the app's own key/values, echoed back on the payment and in its webhooks
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreatePayment(String bizOrderNo, long amountFen, String subject, String channel, String openid,
        String payerClientIp, String returnUrl, Instant expireAt, Map<String, String> metadata) {

    public static CreatePayment of(String bizOrderNo, long amountFen, String subject, String channel) {
        return new CreatePayment(bizOrderNo, amountFen, subject, channel, null, null, null, null, null);
    }

    public CreatePayment withOpenid(String openid) {
        return new CreatePayment(bizOrderNo, amountFen, subject, channel, openid, payerClientIp, returnUrl, expireAt,
                metadata);
    }

    public CreatePayment withPayerClientIp(String payerClientIp) {
        return new CreatePayment(bizOrderNo, amountFen, subject, channel, openid, payerClientIp, returnUrl, expireAt,
                metadata);
    }

    public CreatePayment withReturnUrl(String returnUrl) {
        return new CreatePayment(bizOrderNo, amountFen, subject, channel, openid, payerClientIp, returnUrl, expireAt,
                metadata);
    }

    public CreatePayment withExpireAt(Instant expireAt) {
        return new CreatePayment(bizOrderNo, amountFen, subject, channel, openid, payerClientIp, returnUrl, expireAt,
                metadata);
    }

    public CreatePayment withMetadata(Map<String, String> metadata) {
        return new CreatePayment(bizOrderNo, amountFen, subject, channel, openid, payerClientIp, returnUrl, expireAt,
                metadata);
    }
}
