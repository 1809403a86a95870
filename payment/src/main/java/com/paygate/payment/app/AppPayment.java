package com.paygate.payment.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.provider.PaymentProvider;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/**
 * An app's payment as its API answers and its webhooks carry it (one shape for both, as Stripe's): the app's own
 * order number and metadata, never the user or provider internals. prepay only in the answer to a create.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppPayment(String paySn, String appId, String bizOrderNo, String channel, String state, long amountFen,
        long refundedFen, String subject, String transactionId, Instant paidAt, boolean paidAfterClose, Instant expireAt,
        Instant createdAt, boolean testMode, Map<String, String> metadata, Map<String, Object> prepay) {

    public static AppPayment of(Payment p, Map<String, String> metadata) {
        return new AppPayment(p.paySn, p.appId, p.orderSn, p.channel.name(), p.state.name(), p.amountFen, p.refundedFen,
                p.subject, p.transactionId, p.paidAt, p.paidAfterClose, p.expireAt, p.createdAt,
                p.provider.endsWith(PaymentProvider.TEST_MODE_SUFFIX), metadata, null);
    }

    public AppPayment withPrepay(Map<String, Object> checkout) {
        return new AppPayment(paySn, appId, bizOrderNo, channel, state, amountFen, refundedFen, subject, transactionId,
                paidAt, paidAfterClose, expireAt, createdAt, testMode, metadata, checkout);
    }
}
