package com.paygate.payment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Business lines (payment.apps.*) and their webhooks (payment.apps.webhooks.*). */
@ConfigMapping(prefix = "payment.apps")
public interface AppsConfig {

    /**
     * Base64 of 32 random bytes (PAYMENT_APPS_SECRET_KEY): the AES-256-GCM key the apps' signing secrets are stored
     * under. Losing it means issuing every app a new secret; changing it likewise.
     */
    String secretKey();

    /** How far a signed request's Paygate-Timestamp may be from our clock, either way; nonces are kept this long twice. */
    @WithDefault("5m")
    Duration signatureWindow();

    /** How long a POST's Idempotency-Key answers its first response. */
    @WithDefault("24h")
    Duration idempotencyRetention();

    /** How long the previous secret keeps working after a rotation, unless the rotation names another time. */
    @WithDefault("24h")
    Duration secretOverlap();

    Webhooks webhooks();

    interface Webhooks {

        /** Period of the delivery job (read by @Scheduled). */
        @WithDefault("1s")
        String pollEvery();

        /** An endpoint answers within this or the try counts as failed. */
        @WithDefault("5s")
        Duration timeout();

        /**
         * Wait before each retry: after the first failure the first delay, and so on; when they run out the delivery
         * is FAILED (resend revives it). WeChat Pay's notification schedule, 15 tries over 24 h 4 m.
         */
        @WithDefault("15s,15s,30s,3m,10m,20m,30m,30m,30m,60m,3h,3h,3h,6h,6h")
        List<Duration> retryDelays();

        /** An endpoint failing without a single success this long is disabled and its app alerted. */
        @WithDefault("3d")
        Duration disableAfter();

        /** Deliveries one job run claims. */
        @WithDefault("50")
        int batchSize();
    }
}
