package com.paygate.payment.provider.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.common.crypto.CryptoException;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import com.paygate.payment.provider.Notification;
import com.paygate.payment.provider.NotificationRejected;
import com.paygate.payment.provider.ProviderRefund;
import com.paygate.payment.provider.ProviderStatus;
import io.smallrye.mutiny.Uni;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Verifies and decrypts a WeChat Pay v3 payment or refund notification: signature over the received bytes with the key the
 * serial names, a 5-minute timestamp window, no probe signatures, AES-GCM with the API v3 key, then our merchant
 * and app. Only a notification passing all of these becomes a {@link ProviderStatus}.
 */
public class WechatNotifications {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final Duration UNKNOWN_SERIAL_MEMORY = Duration.ofMinutes(1);
    private static final java.util.regex.Pattern CERTIFICATE_SERIAL = java.util.regex.Pattern.compile("[0-9A-Fa-f]{1,64}");

    private final java.util.Map<String, Instant> unknownSerials = new java.util.concurrent.ConcurrentHashMap<>();

    private final WechatMerchant merchant;
    private final WechatPlatformKeys keys;
    private final WechatPayClient client;
    private final ObjectMapper json;
    private final Clock clock;

    public WechatNotifications(WechatMerchant merchant, WechatPlatformKeys keys, WechatPayClient client, ObjectMapper json) {
        this.merchant = merchant;
        this.keys = keys;
        this.client = client;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    public record Headers(String timestamp, String nonce, String signature, String serial) {

        /** The four Wechatpay-* headers. */
        public static Headers of(Notification n) {
            return new Headers(n.header("Wechatpay-Timestamp"), n.header("Wechatpay-Nonce"),
                    n.header("Wechatpay-Signature"), n.header("Wechatpay-Serial"));
        }
    }

    public Uni<ProviderStatus> parse(Headers headers, String body) {
        return verified(headers, body, "TRANSACTION.").map(resource -> {
            try {
                return WechatTransactions.read(resource, merchant);
            } catch (WechatTransactions.ForeignTransaction e) {
                throw reject("foreign_merchant", 400, e.getMessage());
            } catch (RuntimeException e) {
                throw reject("malformed_resource", 400, "malformed transaction");
            }
        });
    }

    /** A refund notification (REFUND.SUCCESS / ABNORMAL / CLOSED), checked exactly like a payment notification. */
    public Uni<ProviderRefund> parseRefund(Headers headers, String body) {
        return verified(headers, body, "REFUND.").map(resource -> {
            try {
                return WechatRefunds.fromNotification(resource, merchant);
            } catch (WechatTransactions.ForeignTransaction e) {
                throw reject("foreign_merchant", 400, e.getMessage());
            } catch (RuntimeException e) {
                throw reject("malformed_resource", 400, "malformed refund");
            }
        });
    }

    /** Signature, timestamp window, probe and decryption checks; the decrypted resource of an event of that kind. */
    private Uni<JsonNode> verified(Headers headers, String body, String eventPrefix) {
        if (!merchant.enabled()) {
            throw reject("not_configured", 503, "WeChat Pay is not configured");
        }
        if (headers.timestamp() == null || headers.nonce() == null || headers.signature() == null || headers.serial() == null) {
            throw reject("missing_headers", 400, "missing Wechatpay-* headers");
        }
        if (headers.signature().startsWith("WECHATPAY/SIGNTEST/")) {
            throw reject("probe", 400, "signature probe");
        }
        checkTimestamp(headers.timestamp());
        return key(headers.serial()).map(key -> {
            String message = WechatPaySignatures.responseMessage(headers.timestamp(), headers.nonce(), body);
            if (!RsaSha256.verify(key, message, headers.signature())) {
                throw reject("bad_signature", 401, "signature does not verify");
            }
            return decrypt(body, eventPrefix);
        });
    }

    private void checkTimestamp(String timestamp) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw reject("bad_timestamp", 400, "malformed timestamp");
        }
        // Compared as plain numbers: any long is a valid header value, but not every long is an Instant.
        long now = clock.instant().getEpochSecond();
        if (seconds < now - MAX_SKEW.toSeconds() || seconds > now + MAX_SKEW.toSeconds()) {
            throw reject("stale_timestamp", 400, "timestamp outside the 5 minute window");
        }
    }

    /**
     * Known key, or (certificate mode) the serial after one refresh, shared and spaced by WechatPayClient#refreshSoon.
     * Certificate serials are hex; a serial still unknown after a refresh is refused without another for a minute,
     * so forged serials cannot make us call /v3/certificates over and over.
     */
    private Uni<PublicKey> key(String serial) {
        Optional<PublicKey> known = keys.find(serial);
        if (known.isPresent()) {
            return Uni.createFrom().item(known.get());
        }
        Instant now = clock.instant();
        Instant refusedAt = unknownSerials.get(serial);
        if (!keys.autoCertificates() || !CERTIFICATE_SERIAL.matcher(serial).matches()
                || refusedAt != null && refusedAt.plus(UNKNOWN_SERIAL_MEMORY).isAfter(now)) {
            throw reject("unknown_serial", 401, "unknown Wechatpay-Serial");
        }
        return client.refreshSoon().map(ignored -> keys.find(serial).orElseThrow(() -> {
            if (unknownSerials.size() > 1000) {
                unknownSerials.clear();
            }
            unknownSerials.put(serial, clock.instant());
            return reject("unknown_serial", 401, "unknown Wechatpay-Serial");
        }));
    }

    private JsonNode decrypt(String body, String eventPrefix) {
        JsonNode resource;
        try {
            JsonNode envelope = json.readTree(body);
            if (!envelope.path("event_type").asText().startsWith(eventPrefix)) {
                throw reject("unsupported_event", 400, "unsupported event_type");
            }
            resource = envelope.path("resource");
        } catch (java.io.IOException e) {
            throw reject("malformed", 400, "malformed JSON");
        }
        if (!"AEAD_AES_256_GCM".equals(resource.path("algorithm").asText())) {
            throw reject("bad_algorithm", 400, "unsupported resource algorithm");
        }
        String plaintext;
        try {
            plaintext = merchant.aead().decrypt(resource.path("associated_data").asText(null),
                    resource.path("nonce").asText(), resource.path("ciphertext").asText());
        } catch (CryptoException e) {
            throw reject("decrypt_failed", 400, "resource does not decrypt");
        }
        try {
            return json.readTree(plaintext);
        } catch (java.io.IOException e) {
            throw reject("malformed_resource", 400, "malformed resource");
        }
    }

    private static NotificationRejected reject(String reason, int status, String message) {
        return new NotificationRejected(reason, status, message);
    }
}
