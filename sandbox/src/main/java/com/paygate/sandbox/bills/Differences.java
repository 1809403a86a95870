package com.paygate.sandbox.bills;

import com.paygate.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bill differences in force, changed at runtime through {@code /sandbox/bills/differences} and applied to every
 * bill generated while set (both providers', trade and fund-flow bills), until reset.
 */
@ApplicationScoped
public class Differences {

    static final int MAX_EXTRA = 10_000;
    /** 500k rows are ~130 MB of WeChat bill: enough for benchmarks, bounded for the sandbox's heap. */
    static final int MAX_SYNTHETIC = 500_000;

    private final AtomicReference<BillDifferences> current = new AtomicReference<>(BillDifferences.NONE);

    public BillDifferences current() {
        return current.get();
    }

    public BillDifferences change(BillDifferences change) {
        validate(change);
        return current.updateAndGet(d -> d.overriddenBy(change));
    }

    public BillDifferences reset() {
        current.set(BillDifferences.NONE);
        return current.get();
    }

    private static void validate(BillDifferences d) {
        names(d.omitTrades(), "omitTrades");
        names(d.omitRefunds(), "omitRefunds");
        names(d.reportPaid(), "reportPaid");
        if (d.extraTrades() != null && (d.extraTrades() < 0 || d.extraTrades() > MAX_EXTRA)) {
            throw invalid("extraTrades must be within 0.." + MAX_EXTRA);
        }
        if (d.syntheticTrades() != null && (d.syntheticTrades() < 0 || d.syntheticTrades() > MAX_SYNTHETIC)) {
            throw invalid("syntheticTrades must be within 0.." + MAX_SYNTHETIC);
        }
        if (d.extraRefunds() != null) {
            if (d.extraRefunds().size() > MAX_EXTRA) {
                throw invalid("extraRefunds holds at most " + MAX_EXTRA + " refunds");
            }
            for (BillDifferences.ExtraRefund r : d.extraRefunds()) {
                if (r == null || r.outTradeNo() == null || r.outTradeNo().isBlank() || r.refundFen() == null || r.refundFen() < 1) {
                    throw invalid("each of extraRefunds needs outTradeNo and refundFen (at least 1)");
                }
            }
        }
        if (d.amountDelta() != null) {
            for (Map.Entry<String, Long> e : d.amountDelta().entrySet()) {
                if (e.getKey().isBlank() || e.getValue() == null) {
                    throw invalid("amountDelta maps out_trade_no to a whole number of fen");
                }
            }
        }
    }

    private static void names(List<String> names, String field) {
        if (names != null && names.stream().anyMatch(n -> n == null || n.isBlank())) {
            throw invalid(field + " lists non-blank numbers");
        }
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest("INVALID_DIFFERENCE", detail);
    }
}
