package com.paygate.payment.provider;

import com.paygate.payment.domain.PaymentState;
import java.time.Instant;

/**
 * A provider's verified statement about one payment, from a notification or a query, already mapped to our
 * states. Merchant and app ids are checked by the adapter; existence, amount and that {@code provider} is the
 * payment's own provider by the payment service (one provider's word says nothing about another's payment).
 */
public record ProviderStatus(String provider, String paySn, PaymentState state, String stateDesc, String transactionId,
        Long amountTotalFen, Instant paidAt, boolean notFound) {

    public static ProviderStatus missing(String provider, String paySn) {
        return new ProviderStatus(provider, paySn, null, "not known to the provider", null, null, null, true);
    }
}
