package com.paygate.sandbox.faults;

import com.paygate.common.error.ApiException;
import com.paygate.sandbox.config.SandboxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/** The fault knobs, starting from config and changed at runtime by tests through {@code /sandbox/faults}. */
@ApplicationScoped
public class Faults {

    public static final String MODE_PUBLIC_KEY = "public-key";
    public static final String MODE_CERTIFICATE = "certificate";
    /** Certificate mode after WeChat rotated: a new certificate (new serial, new key) signs; both are listed. */
    public static final String MODE_CERTIFICATE_ROTATED = "certificate-rotated";

    private final SandboxConfig config;
    private final AtomicReference<FaultSettings> current = new AtomicReference<>();

    public Faults(SandboxConfig config) {
        this.config = config;
        current.set(defaults());
    }

    public FaultSettings current() {
        return current.get();
    }

    public FaultSettings change(FaultSettings change) {
        validate(change);
        return current.updateAndGet(settings -> settings.overriddenBy(change));
    }

    public FaultSettings reset() {
        current.set(defaults());
        return current.get();
    }

    public boolean certificateMode() {
        return MODE_CERTIFICATE.equals(current().wechatMode()) || rotatedCertificate();
    }

    public boolean rotatedCertificate() {
        return MODE_CERTIFICATE_ROTATED.equals(current().wechatMode());
    }

    /** Draws against apiErrorRate: true means this provider API call answers SYSTEM_ERROR. */
    public boolean failThisCall() {
        double rate = current().apiErrorRate();
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    /** What a payment query answer says about the amount: +1 fen, or nothing (null) when the fault says so. */
    public Long queryAmountDelta() {
        return switch (current().queryAmount()) {
            case FaultSettings.QUERY_AMOUNT_ONE_FEN_MORE -> 1L;
            case FaultSettings.QUERY_AMOUNT_ABSENT -> null;
            default -> 0L;
        };
    }

    /** Now as the sandbox's business records see it: real time moved by {@code businessDayShift} days. */
    public OffsetDateTime businessNow() {
        return businessTime(current().businessDayShift());
    }

    /** Now moved by {@code dayShift} days: for work decided now and done later (a refund settling). */
    public static OffsetDateTime businessTime(int dayShift) {
        return OffsetDateTime.now().plusDays(dayShift);
    }

    /** A base64 signature of the same length that no key produced: its first character changed. */
    public static String corrupt(String signature) {
        char first = signature.charAt(0);
        return (first == 'A' ? 'B' : 'A') + signature.substring(1);
    }

    private FaultSettings defaults() {
        SandboxConfig.Faults f = config.faults();
        FaultSettings settings = new FaultSettings(f.apiDelayMs(), f.apiErrorRate(), f.duplicateNotifications(), f.outOfOrder(),
                f.dropNotifications(), f.wrongAmount(), config.wechat().mode(), f.refundFail(),
                f.refundClose(), f.badAnswerSignature(), f.queryAmount(), f.notificationDelayMs(), f.businessDayShift());
        validate(settings);
        return settings;
    }

    private static void validate(FaultSettings s) {
        if (s.apiDelayMs() != null && (s.apiDelayMs() < 0 || s.apiDelayMs() > 120_000)) {
            throw ApiException.badRequest("INVALID_FAULT", "apiDelayMs must be within 0..120000");
        }
        if (s.notificationDelayMs() != null && (s.notificationDelayMs() < 0 || s.notificationDelayMs() > 600_000)) {
            throw ApiException.badRequest("INVALID_FAULT", "notificationDelayMs must be within 0..600000");
        }
        if (s.businessDayShift() != null && (s.businessDayShift() < -3650 || s.businessDayShift() > 0)) {
            throw ApiException.badRequest("INVALID_FAULT", "businessDayShift must be within -3650..0");
        }
        if (s.apiErrorRate() != null && (s.apiErrorRate() < 0 || s.apiErrorRate() > 1)) {
            throw ApiException.badRequest("INVALID_FAULT", "apiErrorRate must be within 0..1");
        }
        if (s.duplicateNotifications() != null && (s.duplicateNotifications() < 0 || s.duplicateNotifications() > 20)) {
            throw ApiException.badRequest("INVALID_FAULT", "duplicateNotifications must be within 0..20");
        }
        if (s.queryAmount() != null && !List.of(FaultSettings.QUERY_AMOUNT_EXACT, FaultSettings.QUERY_AMOUNT_ONE_FEN_MORE,
                FaultSettings.QUERY_AMOUNT_ABSENT).contains(s.queryAmount())) {
            throw ApiException.badRequest("INVALID_FAULT", "queryAmount must be exact, one-fen-more or absent");
        }
        if (s.wechatMode() != null && !MODE_PUBLIC_KEY.equals(s.wechatMode()) && !MODE_CERTIFICATE.equals(s.wechatMode())
                && !MODE_CERTIFICATE_ROTATED.equals(s.wechatMode())) {
            throw ApiException.badRequest("INVALID_FAULT", "wechatMode must be public-key, certificate or certificate-rotated");
        }
    }
}
