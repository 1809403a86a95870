package com.paygate.order.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** The order service's own settings ({@code order.*}); validated at start, so a bad value stops the service. */
@ConfigMapping(prefix = "order")
public interface OrderConfig {

    /** How long a new order waits for its payment before the expiry job closes it. */
    @WithDefault("30m")
    Duration expireAfter();

    /** How often the expiry job looks for overdue orders (read by its {@code @Scheduled} expression). */
    @WithDefault("10s")
    Duration expiryCheckInterval();

    /** Orders expired per transaction; a run repeats batches until fewer are due. */
    @WithDefault("200")
    @Min(1)
    @Max(5000)
    int expiryBatchSize();

    Snowflake snowflake();

    interface Snowflake {

        /** 0..1023, distinct for every replica running at the same time (e.g. the StatefulSet ordinal). */
        @Min(0)
        @Max(1023)
        int workerId();

        /** A backward clock step up to this long is waited out; a longer one continues from the last timestamp. */
        @WithDefault("5ms")
        Duration maxBackwardWait();
    }
}
