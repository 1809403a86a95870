package com.paygate.sandbox.wechat;

import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import com.paygate.sandbox.config.SandboxConfig;
import com.paygate.sandbox.keys.SandboxIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a merchant request's {@code Authorization: WECHATPAY2-SHA256-RSA2048 ...} header the way WeChat Pay does:
 * known mchid and certificate serial, timestamp within the window, signature over exactly what was received.
 */
@ApplicationScoped
public class WechatAuthenticator {

    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final SandboxIdentity identity;
    private final SandboxConfig config;

    public WechatAuthenticator(SandboxIdentity identity, SandboxConfig config) {
        this.identity = identity;
        this.config = config;
    }

    /** Answers the authenticated mchid or throws a 401 SIGN_ERROR. */
    public String authenticate(String authorization, String method, String pathWithQuery, String body) {
        if (authorization == null || !authorization.startsWith(WechatPaySignatures.AUTH_SCHEMA + " ")) {
            throw WechatError.sign("Authorization header missing or not " + WechatPaySignatures.AUTH_SCHEMA);
        }
        Map<String, String> params = new HashMap<>();
        Matcher m = PARAM.matcher(authorization.substring(WechatPaySignatures.AUTH_SCHEMA.length() + 1));
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        String mchid = params.get("mchid");
        String serial = params.get("serial_no");
        String nonce = params.get("nonce_str");
        String signature = params.get("signature");
        String timestamp = params.get("timestamp");
        if (mchid == null || serial == null || nonce == null || signature == null || timestamp == null) {
            throw WechatError.sign("Authorization lacks one of mchid, serial_no, nonce_str, signature, timestamp");
        }
        if (!identity.id("wechat.mch-id").equals(mchid)) {
            throw WechatError.sign("Unknown mchid");
        }
        if (!identity.id("wechat.merchant-serial-no").equalsIgnoreCase(serial)) {
            throw WechatError.sign("serial_no is not a certificate of this merchant");
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw WechatError.sign("timestamp is not a number");
        }
        if (Math.abs(Instant.now().getEpochSecond() - ts) > config.clockSkewSeconds()) {
            throw WechatError.sign("timestamp too far from the current time");
        }
        String message = WechatPaySignatures.requestMessage(method, pathWithQuery, ts, nonce, body);
        if (!RsaSha256.verify(identity.wechatMerchantPublicKey(), message, signature)) {
            throw WechatError.sign("Signature does not verify");
        }
        return mchid;
    }
}
