package com.paygate.eventing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of the event pipeline ({@code paygate.*}), the same in each service, read in one place. The
 * scheduled jobs name their periods in {@code @Scheduled} expressions ({@code ${paygate.outbox.poll-interval}} ...),
 * which cannot read a mapping; those keys are listed here too, with the same defaults, so this is the whole list.
 */
@ConfigMapping(prefix = "paygate")
public interface EventingConfig {

    Outbox outbox();

    Inbox inbox();

    Consumer consumer();

    DeadLetters deadLetters();

    Deferred deferred();

    interface Outbox {
        /** Build time: whether this service runs the relay at all ({@code @IfBuildProperty}). */
        @WithDefault("false")
        boolean enabled();

        /** The fallback poll for rows no in-process nudge announced (other replicas' writes, a crash). */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * Rows claimed per pass (at most, so only a backlog fills it). A pass costs about the same whatever it holds
         * (claim by key, publish, mark sent): bench/run's relay line drained a backlog at 1,600-1,750 rows/s with 100
         * and 4,700 with 500. It stays under the emitter's buffer (1,024) so a pass never overflows it.
         */
        @WithDefault("500")
        int batchSize();

        /** How long a claimed batch is leased before another relay may take it. */
        @WithDefault("60s")
        Duration lease();

        /** Sent rows are deleted after this. */
        @WithDefault("7d")
        Duration retention();

        /** Period of the backlog and lag gauges. */
        @WithDefault("5s")
        Duration lagEvery();
    }

    interface Inbox {
        /** Longer than the retention of every topic consumed: no redelivery can bring a forgotten id back. */
        @WithDefault("14d")
        Duration retention();

        @WithDefault("5000")
        int pruneBatch();

        @WithDefault("1h")
        Duration pruneEvery();
    }

    interface Consumer {
        Retry retry();

        interface Retry {
            @WithDefault("100ms")
            Duration firstBackoff();

            @WithDefault("5s")
            Duration maxBackoff();
        }
    }

    interface DeadLetters {
        /** The dead-letter topics this service may list and replay. */
        Optional<List<String>> topics();
    }

    /** Events parked until their consumer can apply them (deferral.DeferredEvents). */
    interface Deferred {
        /** How often the job tries parked events whose back-off is over. */
        @WithDefault("30s")
        Duration retryEvery();

        /** A parked event's first retry by the job; doubled at each try that defers it again. */
        @WithDefault("10s")
        Duration firstBackoff();

        @WithDefault("1h")
        Duration maxBackoff();

        /** Parked events tried per run of the job. */
        @WithDefault("100")
        int batchSize();
    }
}
