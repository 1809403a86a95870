package com.paygate.sandbox.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What was sent to merchants and what they answered, per out_trade_no, so tests can see the deliveries. */
@ApplicationScoped
public class DeliveryLog {

    private final Map<String, List<DeliveryAttempt>> byOutTradeNo = new ConcurrentHashMap<>();

    void record(String outTradeNo, DeliveryAttempt attempt) {
        byOutTradeNo.computeIfAbsent(outTradeNo, k -> new CopyOnWriteArrayList<>()).add(attempt);
    }

    public List<DeliveryAttempt> of(String outTradeNo) {
        return List.copyOf(byOutTradeNo.getOrDefault(outTradeNo, List.of()));
    }
}
