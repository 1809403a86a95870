package com.paygate.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs server-to-server requests to /api/apps so the platform can tell the app's calls from anyone else's.
 *
 * <p>The signature is Base64(HMAC-SHA256(secret, message)) over
 * {@code METHOD \n PATH_AND_QUERY \n timestamp \n nonce \n body \n}: the timestamp bounds how long a captured request
 * can be replayed, the nonce makes each request unique within that window, and the body is covered byte for byte.
 */
public final class RequestSigner {

    public static final String APP_ID = "Paygate-App-Id";
    public static final String TIMESTAMP = "Paygate-Timestamp";
    public static final String NONCE = "Paygate-Nonce";
    public static final String SIGNATURE = "Paygate-Signature";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String appId;
    private final String secret;
    private final Clock clock;

    /** @param clock supplies the Paygate-Timestamp (a fixed clock makes signatures reproducible in tests) */
    public RequestSigner(String appId, String secret, Clock clock) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The four Paygate-* headers of one request, with a fresh nonce.
     *
     * @param pathAndQuery the raw path, plus {@code ?} and the raw query when there is one, exactly as sent
     * @param body the exact body sent, {@code ""} for a bodiless request
     */
    public Map<String, String> headers(String method, String pathAndQuery, String body) {
        long timestamp = clock.instant().getEpochSecond();
        String nonce = nonce();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(APP_ID, appId);
        headers.put(TIMESTAMP, Long.toString(timestamp));
        headers.put(NONCE, nonce);
        headers.put(SIGNATURE, signature(secret, method, pathAndQuery, timestamp, nonce, body));
        return headers;
    }

    /** The Paygate-Signature value; public so a server (or a test) can recompute it from what it received. */
    public static String signature(String secret, String method, String pathAndQuery, long timestamp, String nonce,
            String body) {
        String message = method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
        return Base64.getEncoder().encodeToString(hmacSha256(secret, message));
    }

    /** 128 random bits as 32 lowercase hex characters. */
    static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] hmacSha256(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
