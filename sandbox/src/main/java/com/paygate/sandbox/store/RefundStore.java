package com.paygate.sandbox.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * All refunds in memory. Creation checks the trade's refundable amount and records the refund in one step under
 * one lock, so concurrent refunds of a trade can never add up to more than it paid (the providers' guarantee that
 * the merchant's refund logic must be tested against). The lock only guards map operations: microseconds.
 *
 * <p>Keys: WeChat's out_refund_no is unique per merchant; Alipay's out_request_no only per trade, so its key
 * includes the out_trade_no.
 */
@ApplicationScoped
public class RefundStore {

    private final Map<String, Refund> byKey = new HashMap<>();

    public static String key(Provider provider, String outTradeNo, String outRefundNo) {
        return provider == Provider.WECHAT ? "WECHAT|" + outRefundNo : "ALIPAY|" + outTradeNo + "|" + outRefundNo;
    }

    /**
     * Stores {@code candidate} unless a refund with its key exists (answered as is, {@code created} false), or it
     * would take the trade's refunds past {@code paidFen} ({@code exceeded} is thrown).
     */
    public synchronized Created create(Refund candidate, long paidFen, Supplier<RuntimeException> exceeded) {
        String key = key(candidate.provider(), candidate.outTradeNo(), candidate.outRefundNo());
        Refund existing = byKey.get(key);
        if (existing != null) {
            return new Created(existing, false);
        }
        if (heldFen(candidate.provider(), candidate.outTradeNo()) + candidate.refundFen() > paidFen) {
            throw exceeded.get();
        }
        byKey.put(key, candidate);
        return new Created(candidate, true);
    }

    public synchronized Optional<Refund> find(Provider provider, String outTradeNo, String outRefundNo) {
        return Optional.ofNullable(byKey.get(key(provider, outTradeNo, outRefundNo)));
    }

    /** Applies a change atomically and answers the new version (empty when there is no such refund). */
    public synchronized Optional<Refund> update(Refund refund, UnaryOperator<Refund> change) {
        String key = key(refund.provider(), refund.outTradeNo(), refund.outRefundNo());
        Refund current = byKey.get(key);
        if (current == null) {
            return Optional.empty();
        }
        Refund after = change.apply(current);
        byKey.put(key, after);
        return Optional.of(after);
    }

    public synchronized List<Refund> ofTrade(Provider provider, String outTradeNo) {
        return byKey.values().stream().filter(r -> r.provider() == provider && r.outTradeNo().equals(outTradeNo)).toList();
    }

    /** A snapshot of one provider's refunds (for the daily bills). */
    public synchronized List<Refund> all(Provider provider) {
        return byKey.values().stream().filter(r -> r.provider() == provider).toList();
    }

    /** What the trade's refunds have paid back (SUCCESS only). */
    public synchronized long refundedFen(Provider provider, String outTradeNo) {
        return ofTrade(provider, outTradeNo).stream().filter(r -> r.state() == RefundState.SUCCESS).mapToLong(Refund::refundFen).sum();
    }

    /** What the trade's refunds hold of its amount: everything but closed refunds. */
    private long heldFen(Provider provider, String outTradeNo) {
        return ofTrade(provider, outTradeNo).stream().filter(r -> r.state().holdsAmount()).mapToLong(Refund::refundFen).sum();
    }

    public record Created(Refund refund, boolean created) {
    }
}
