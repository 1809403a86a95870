package com.paygate.sandbox.store;

import com.paygate.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * All trades in memory, keyed by out_trade_no (the sandbox has one merchant per provider, and {@code /sandbox/pay}
 * addresses trades by out_trade_no alone). A restart forgets everything, as a provider test mode reset would.
 */
@ApplicationScoped
public class TradeStore {

    private final Map<String, Trade> byOutTradeNo = new ConcurrentHashMap<>();
    private final Map<String, String> outTradeNoByCheckoutId = new ConcurrentHashMap<>();

    /** The existing trade for this out_trade_no, or the candidate stored now: callers compare to detect reuse. */
    public Trade putIfAbsent(Trade candidate) {
        Trade existing = byOutTradeNo.putIfAbsent(candidate.outTradeNo(), candidate);
        if (existing == null) {
            outTradeNoByCheckoutId.put(candidate.checkoutId(), candidate.outTradeNo());
            return candidate;
        }
        return existing;
    }

    public Optional<Trade> find(String outTradeNo) {
        return outTradeNo == null ? Optional.empty() : Optional.ofNullable(byOutTradeNo.get(outTradeNo));
    }

    /** A scan: only Alipay queries by trade_no alone, and the sandbox holds few trades. */
    public Optional<Trade> findByTransactionId(String transactionId) {
        return byOutTradeNo.values().stream().filter(t -> transactionId.equals(t.transactionId())).findFirst();
    }

    /** A snapshot of one provider's trades (for the daily bills). */
    public List<Trade> all(Provider provider) {
        return byOutTradeNo.values().stream().filter(t -> t.provider() == provider).toList();
    }

    public Optional<Trade> findByCheckoutId(String checkoutId) {
        return checkoutId == null ? Optional.empty()
                : Optional.ofNullable(outTradeNoByCheckoutId.get(checkoutId)).flatMap(this::find);
    }

    /**
     * Applies a transition atomically; the function throws to refuse it. Answers both versions: the old one lets
     * the caller send a stale notification from it (the outOfOrder fault).
     */
    public Transition update(String outTradeNo, UnaryOperator<Trade> change) {
        Trade[] before = new Trade[1];
        Trade after = byOutTradeNo.computeIfPresent(outTradeNo, (k, current) -> {
            before[0] = current;
            return change.apply(current);
        });
        if (after == null) {
            throw ApiException.notFound("ORDER_NOT_EXIST", "No trade with out_trade_no " + outTradeNo);
        }
        return new Transition(before[0], after);
    }

    public record Transition(Trade before, Trade after) {
    }
}
