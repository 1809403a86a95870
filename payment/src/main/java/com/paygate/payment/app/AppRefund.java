package com.paygate.payment.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.paygate.payment.domain.Refund;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** An app's refund as its API answers and its webhooks carry it; refundedTotalFen is the payment's, this one counted once SUCCESS. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppRefund(String refundSn, String paySn, String bizOrderNo, long amountFen, String state, String stateDesc,
        String reason, Instant createdAt, Instant succeededAt, Long refundedTotalFen) {

    public static AppRefund of(Refund r, Long refundedTotalFen) {
        return new AppRefund(r.refundSn, r.paySn, r.orderSn, r.amountFen, r.state.name(), r.stateDesc, r.reason,
                r.createdAt, r.succeededAt, refundedTotalFen);
    }
}
