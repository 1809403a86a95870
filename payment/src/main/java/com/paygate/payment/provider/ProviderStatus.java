package com.paygate.payment.provider;

import com.paygate.payment.domain.PaymentState;
import java.time.Instant;

/**
 * A provider's verified statement about one payment, from a notification or a query, already mapped to our
 * states. Merchant and app ids are checked by the adapter; amount and existence by the payment service.
 */
public record ProviderStatus(String paySn, PaymentState state, String stateDesc, String transactionId,
        Long amountTotalFen, Instant paidAt, boolean notFound) {

    public static ProviderStatus missing(String paySn) {
        return new ProviderStatus(paySn, null, "not known to the provider", null, null, null, true);
    }
}
