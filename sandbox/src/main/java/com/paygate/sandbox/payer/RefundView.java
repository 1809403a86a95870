package com.paygate.sandbox.payer;

import com.paygate.sandbox.store.Refund;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A refund for inspection by tests and scripts (sandbox format, not a provider's). */
@RegisterForReflection
public record RefundView(String provider, String outTradeNo, String outRefundNo, String refundId, String state, long refundFen,
        long totalFen, String reason, String notifyUrl, String createdAt, String successTime) {

    public static RefundView of(Refund r) {
        return new RefundView(r.provider().name(), r.outTradeNo(), r.outRefundNo(), r.refundId(), r.state().name(), r.refundFen(),
                r.totalFen(), r.reason(), r.notifyUrl(), r.createdAt().toString(),
                r.successTime() == null ? null : r.successTime().toString());
    }
}
