package com.paygate.payment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/** Reconciliation (payment.reconciliation.*): every day, each provider's bill against our records. */
@ConfigMapping(prefix = "payment.reconciliation")
public interface ReconConfig {

    /** False: no daily runs (runs asked for through the admin API still happen). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Time of day, China time (+08:00), from which the previous day's bills are fetched: WeChat Pay and Alipay
     * publish them from 09:00 and advise fetching after 10:00.
     */
    @WithDefault("10:30")
    LocalTime at();

    /** Provider ids to reconcile (wechat, alipay); unset: every enabled live provider. */
    Optional<List<String>> providers();

    /** How often the job looks for due runs (read by @Scheduled). */
    @WithDefault("60s")
    String pollEvery();

    /** A run not finished this long after it was claimed is taken over by another replica. */
    @WithDefault("30m")
    Duration lease();

    /** A run that failed (a bill not published yet, a provider unreachable) is tried again after this. */
    @WithDefault("30m")
    Duration retryAfter();

    /**
     * More differences than this in one run are not settled one by one (a query and an alert each): the run fails
     * with one alert, for a human to look at the bill and our records.
     */
    @WithDefault("500")
    int maxDifferences();

    /** Runs, their differences and totals are kept this long. */
    @WithDefault("400d")
    Duration retention();

    /** Where bills are downloaded to while a run reads them (deleted after); unset: the system temp directory. */
    Optional<Path> workDir();
}
