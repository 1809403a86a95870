package com.paygate.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Verifies the webhooks the platform sends, so a receiver acts only on events the platform really signed.
 *
 * <p>The platform sends {@code Paygate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}.
 * While a webhook secret is being rotated the header carries one {@code v1=} per active secret, and a match with any
 * of them is enough. The timestamp is signed too, so an old delivery replayed later is rejected by the tolerance.
 *
 * <p>Delivery is at-least-once: after a timeout or a resend the same event arrives again. Verification cannot tell a
 * legitimate repeat from the first delivery, so a receiver dedupes by {@link WebhookEvent#id()}: handle an id once,
 * and answer 2xx to its repeats so the platform stops retrying.
 */
public final class Webhooks {

    public static final String HEADER = "Paygate-Signature";

    private Webhooks() {
    }

    /** {@link #verify(String, String, String, Duration, Clock)} against the system clock. */
    public static WebhookEvent verify(String signatureHeader, String body, String secret, Duration tolerance) {
        return verify(signatureHeader, body, secret, tolerance, Clock.systemUTC());
    }

    /**
     * Checks the Paygate-Signature header of a delivery and parses its body.
     *
     * @param body the raw request body exactly as received (re-serialized JSON would not match the signature)
     * @param tolerance how far the signed timestamp may be from now, either way (a few minutes is typical)
     * @throws WebhookSignatureException when the header is missing or malformed, no signature matches (a tampered
     *         body or a wrong secret), or the timestamp is outside the tolerance (an old delivery replayed)
     * @throws IllegalArgumentException when the signed body is not a JSON event
     */
    public static WebhookEvent verify(String signatureHeader, String body, String secret, Duration tolerance,
            Clock clock) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(clock, "clock");
        Header header = Header.parse(signatureHeader);
        byte[] expected = hexSignature(body, secret, header.timestamp).getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (String candidate : header.signatures) {
            matches |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        if (!matches) {
            throw new WebhookSignatureException("no " + HEADER + " v1 signature matches the body (tampered body or wrong"
                    + " secret)");
        }
        long age = clock.instant().getEpochSecond() - header.timestamp;
        if (Math.abs(age) > tolerance.toSeconds()) {
            throw new WebhookSignatureException("the " + HEADER + " timestamp is " + age + "s from now, outside the "
                    + tolerance.toSeconds() + "s tolerance (an old or replayed delivery)");
        }
        try {
            return Json.MAPPER.readValue(body, WebhookEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the signed body is not a webhook event: " + e.getOriginalMessage(), e);
        }
    }

    /** The header the platform would send for this body: what a test of a webhook receiver needs to forge. */
    public static String signatureHeader(String body, String secret, long unixSeconds) {
        return "t=" + unixSeconds + ",v1=" + hexSignature(body, secret, unixSeconds);
    }

    private static String hexSignature(String body, String secret, long unixSeconds) {
        return HexFormat.of().formatHex(RequestSigner.hmacSha256(secret, unixSeconds + "." + body));
    }

    /** The parts of a Paygate-Signature header; entries other than t and v1 are ignored, as future schemes. */
    private record Header(long timestamp, List<String> signatures) {

        static Header parse(String value) {
            if (value == null || value.isBlank()) {
                throw new WebhookSignatureException("missing " + HEADER + " header");
            }
            Long timestamp = null;
            List<String> signatures = new ArrayList<>();
            for (String entry : value.split(",")) {
                int eq = entry.indexOf('=');
                if (eq < 0) {
                    throw malformed();
                }
                String key = entry.substring(0, eq).trim();
                String part = entry.substring(eq + 1).trim();
                if (key.equals("t")) {
                    if (timestamp != null || !part.matches("[0-9]{1,18}")) {
                        throw malformed();
                    }
                    timestamp = Long.parseLong(part);
                } else if (key.equals("v1")) {
                    signatures.add(part);
                }
            }
            if (timestamp == null) {
                throw new WebhookSignatureException("no t= timestamp in the " + HEADER + " header");
            }
            if (signatures.isEmpty()) {
                throw new WebhookSignatureException("no v1= signature in the " + HEADER + " header");
            }
            return new Header(timestamp, signatures);
        }

        private static WebhookSignatureException malformed() {
            return new WebhookSignatureException("malformed " + HEADER + " header (expected t=<unix seconds>,v1=<hex>)");
        }
    }
}
