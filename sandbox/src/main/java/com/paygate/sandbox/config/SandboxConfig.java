package com.paygate.sandbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The sandbox's settings; the fault knobs here are only the defaults that {@code DELETE /sandbox/faults} restores.
 * Other packages needing keys under {@code sandbox.} declare their own mapping with a longer prefix (e.g.
 * {@code sandbox.wxmsg}): SmallRye rejects keys under this prefix that no mapping claims.
 */
@ConfigMapping(prefix = "sandbox")
public interface SandboxConfig {

    /** Where keys and merchant credentials live (read by SandboxIdentity). */
    Path stateDir();

    /**
     * Base URL payers' browsers reach the sandbox at, used in h5_url and cashier links. Empty: taken from the
     * request's Host header, which is right whenever merchant and browser reach the sandbox the same way.
     */
    Optional<String> publicUrl();

    /** Multiplies the providers' notification retry intervals (tests use 0.001 so retries come within ms). */
    @WithDefault("1")
    double notifyRetryScale();

    /** Notifications and responses older than this are refused by merchants; requests too. */
    @WithDefault("300")
    long clockSkewSeconds();

    /**
     * How long a WeChat refund stays PROCESSING before it settles and is notified (WeChat takes seconds to days;
     * the merchant must cope with PROCESSING answers and late notifications).
     */
    @WithDefault("2000")
    long refundSettleMs();

    Wechat wechat();

    Faults faults();

    interface Wechat {
        /** {@code public-key} (Wechatpay-Serial = PUB_KEY_ID_...) or {@code certificate} (platform certificate serial). */
        @WithDefault("public-key")
        String mode();
    }

    interface Faults {
        @WithDefault("0")
        long apiDelayMs();

        @WithDefault("0")
        double apiErrorRate();

        @WithDefault("0")
        int duplicateNotifications();

        @WithDefault("false")
        boolean outOfOrder();

        @WithDefault("false")
        boolean dropNotifications();

        @WithDefault("false")
        boolean wrongAmount();

        @WithDefault("false")
        boolean refundFail();

        @WithDefault("false")
        boolean refundClose();

        @WithDefault("false")
        boolean badAnswerSignature();

        /** exact, one-fen-more or absent: see FaultSettings. */
        @WithDefault("exact")
        String queryAmount();

        /** How long payment and refund notifications lag behind the event (ms): see FaultSettings. */
        @WithDefault("0")
        long notificationDelayMs();

        /** Days added to recorded success times (trades and refunds), -3650..0: see FaultSettings. */
        @WithDefault("0")
        int businessDayShift();
    }
}
