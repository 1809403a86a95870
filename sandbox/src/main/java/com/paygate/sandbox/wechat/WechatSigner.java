package com.paygate.sandbox.wechat;

import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import com.paygate.sandbox.faults.Faults;
import com.paygate.sandbox.keys.SandboxIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Signs what the platform sends (API responses and notifications) with the platform private key, as WeChat Pay
 * does: {@code Wechatpay-Signature} over timestamp, nonce and body, {@code Wechatpay-Serial} naming the key the
 * merchant must verify with (public key id or certificate serial, per the current mode).
 */
@ApplicationScoped
public class WechatSigner {

    public static final String SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048";
    private static final String NONCE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final SandboxIdentity identity;
    private final Faults faults;
    private final PlatformCertificate certificates;
    private final SecureRandom random = new SecureRandom();

    public WechatSigner(SandboxIdentity identity, Faults faults, PlatformCertificate certificates) {
        this.identity = identity;
        this.faults = faults;
        this.certificates = certificates;
    }

    /** The signature headers for this exact body, in the order WeChat sends them. */
    public Map<String, String> headers(String body) {
        return headers(body, Instant.now().getEpochSecond());
    }

    public Map<String, String> headers(String body, long timestamp) {
        String ts = Long.toString(timestamp);
        String nonce = nonce();
        PrivateKey key = faults.certificateMode() ? certificates.signing(faults.rotatedCertificate()).signingKey()
                : identity.wechatPlatformPrivateKey();
        String signature = RsaSha256.sign(key, WechatPaySignatures.responseMessage(ts, nonce, body));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Wechatpay-Nonce", nonce);
        headers.put("Wechatpay-Signature", signature);
        headers.put("Wechatpay-Timestamp", ts);
        headers.put("Wechatpay-Serial", serial());
        headers.put("Request-ID", requestId());
        return headers;
    }

    public String serial() {
        return faults.certificateMode() ? certificates.signing(faults.rotatedCertificate()).serialHex()
                : identity.id("wechat.platform-public-key-id");
    }

    public String nonce() {
        StringBuilder nonce = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            nonce.append(NONCE_CHARS.charAt(random.nextInt(NONCE_CHARS.length())));
        }
        return nonce.toString();
    }

    private static String requestId() {
        return "08" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }
}
