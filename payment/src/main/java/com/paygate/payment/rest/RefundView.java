package com.paygate.payment.rest;

import com.paygate.payment.domain.Refund;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A refund as the operator API shows it. */
@RegisterForReflection
public record RefundView(String refundSn, String paySn, String orderSn, long amountFen, String state, String stateDesc,
        String reason, Instant createdAt, Instant succeededAt) {

    static RefundView of(Refund r) {
        return new RefundView(r.refundSn, r.paySn, r.orderSn, r.amountFen, r.state.name(), r.stateDesc, r.reason,
                r.createdAt, r.succeededAt);
    }
}
