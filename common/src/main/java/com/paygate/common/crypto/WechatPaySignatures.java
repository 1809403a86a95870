package com.paygate.common.crypto;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The strings WeChat Pay v3 signs: each component followed by a newline, in a fixed order. Both sides of the
 * protocol (our adapter and the sandbox) build them here, so they cannot drift apart.
 */
public final class WechatPaySignatures {

    public static final String AUTH_SCHEMA = "WECHATPAY2-SHA256-RSA2048";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WechatPaySignatures() {
    }

    /** Merchant request: method, path with query, timestamp, nonce, body ("" for GET). */
    public static String requestMessage(String method, String pathWithQuery, long timestamp, String nonce, String body) {
        return lines(method, pathWithQuery, Long.toString(timestamp), nonce, body == null ? "" : body);
    }

    /** Platform response or notification: the Wechatpay-Timestamp and -Nonce headers and the body. */
    public static String responseMessage(String timestamp, String nonce, String body) {
        return lines(timestamp, nonce, body == null ? "" : body);
    }

    /** JSAPI / mini-program paySign: appId, timeStamp, nonceStr, package ("prepay_id=..."). */
    public static String paySignMessage(String appId, String timeStamp, String nonceStr, String packageValue) {
        return lines(appId, timeStamp, nonceStr, packageValue);
    }

    /** The Authorization header value for a merchant request. */
    public static String authorization(String mchId, String nonce, String signature, long timestamp, String serialNo) {
        return AUTH_SCHEMA + " mchid=\"" + mchId + "\",nonce_str=\"" + nonce + "\",signature=\"" + signature
                + "\",timestamp=\"" + timestamp + "\",serial_no=\"" + serialNo + "\"";
    }

    /** A request nonce (nonce_str, nonceStr): 32 random upper-case hex characters. */
    public static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    private static String lines(String... parts) {
        StringBuilder message = new StringBuilder();
        for (String part : parts) {
            message.append(part).append('\n');
        }
        return message.toString();
    }
}
