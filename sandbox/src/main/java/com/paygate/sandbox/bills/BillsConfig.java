package com.paygate.sandbox.bills;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The daily bills' settings ({@code sandbox.bills.*}). */
@ConfigMapping(prefix = "sandbox.bills")
public interface BillsConfig {

    /**
     * How long a bill's download link works. WeChat's tokens and Alipay's links expire (Alipay's after 30 s); the
     * sandbox keeps the generated file in memory this long, then the link answers as expired.
     */
    @WithDefault("5M")
    Duration downloadTtl();

    /**
     * The fee both providers charge, in hundredths of a percent (60 = 0.60%): WeChat's 手续费 / 费率 and Alipay's
     * 服务费 are this share of the amount, rounded half up to the fen.
     */
    @WithDefault("60")
    int feeRateBasisPoints();
}
