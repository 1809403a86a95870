package com.paygate.payment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Refund settings (payment.refunds.*); the WeChat refund notify URL is payment.wechat.refund-notify-url. */
@ConfigMapping(prefix = "payment.refunds")
public interface RefundConfig {

    /** A refund still PROCESSING this long after its last change is queried at the provider by the job. */
    @WithDefault("2m")
    Duration queryAfter();

    /** Period of the job querying stuck refunds (read by @Scheduled). */
    @WithDefault("60s")
    String queryEvery();

    /** Refunds one job run claims. */
    @WithDefault("20")
    int batchSize();
}
