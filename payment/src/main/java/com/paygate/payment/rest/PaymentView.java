package com.paygate.payment.rest;

import com.paygate.payment.domain.Payment;
import java.time.Instant;

public record PaymentView(String paySn, String orderSn, String channel, String state, long amountFen,
        String transactionId, Instant paidAt, String stateDesc, long refundedFen, boolean paidAfterClose) {

    static PaymentView of(Payment p) {
        return new PaymentView(p.paySn, p.orderSn, p.channel.name(), p.state.name(), p.amountFen, p.transactionId,
                p.paidAt, p.stateDesc, p.refundedFen, p.paidAfterClose);
    }
}
