package com.paygate.payment.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Payment states, named as WeChat Pay's trade_state so provider answers map one to one. The groups the rest of the
 * code asks about are declared here once; queries use the lists ({@link #open()}, ...) so SQL and Java agree.
 */
public enum PaymentState {
    NOTPAY, USERPAYING, SUCCESS, CLOSED, PAYERROR, REFUND;

    private static final Set<PaymentState> OPEN = EnumSet.of(NOTPAY, USERPAYING, PAYERROR);
    private static final Set<PaymentState> AWAITING_PAYER = EnumSet.of(NOTPAY, USERPAYING);
    private static final Set<PaymentState> PAID = EnumSet.of(SUCCESS, REFUND);

    /** Still waiting for the payer: the provider may yet report it paid, so it can be queried or closed. */
    public boolean isOpen() {
        return OPEN.contains(this);
    }

    /** Open and not failed: the payer may be at the cashier right now, so the status poll and query job ask. */
    public boolean isAwaitingPayer() {
        return AWAITING_PAYER.contains(this);
    }

    /** The money was received (and may since be partly or fully refunded): refundable, never closable. */
    public boolean isPaid() {
        return PAID.contains(this);
    }

    public static List<PaymentState> open() {
        return List.copyOf(OPEN);
    }

    public static List<PaymentState> awaitingPayer() {
        return List.copyOf(AWAITING_PAYER);
    }

    public static List<PaymentState> paid() {
        return List.copyOf(PAID);
    }

    /** {@code 'A','B'} for a native SQL {@code IN}: the values are enum names, never input. */
    public static String sqlList(List<PaymentState> states) {
        return states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
    }
}
