package com.paygate.payment.provider;

/**
 * What a verified notification states, in our terms. Providers only verify and translate; the generic notification
 * endpoint applies the statement through the same path as a query's answer.
 */
public sealed interface NotificationStatement {

    /**
     * The payment as the provider states it. {@code refundEcho}: the notification only reports a refund of the payment
     * (Alipay posts those to the payment's notify URL), so it must not be read as the payment being paid or closed.
     */
    record PaymentStated(ProviderStatus status, boolean refundEcho) implements NotificationStatement {
    }

    /** One refund as the provider states it. */
    record RefundStated(ProviderRefund refund) implements NotificationStatement {
    }
}
