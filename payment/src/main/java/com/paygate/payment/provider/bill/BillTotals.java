package com.paygate.payment.provider.bill;

/**
 * What a bill's lines add up to. A parser checks them against the summary the bill states and fails with
 * {@link BillFormatException} when they differ, so a bill that lost or gained lines is never matched.
 */
public record BillTotals(long payments, long refunds, long paidFen, long refundedFen, long feeMilliFen) {

    public static final BillTotals EMPTY = new BillTotals(0, 0, 0, 0, 0);

    public long lines() {
        return payments + refunds;
    }

    public BillTotals plus(BillLine line) {
        return line.kind() == BillLine.Kind.PAYMENT
                ? new BillTotals(payments + 1, refunds, paidFen + line.amountFen(), refundedFen, feeMilliFen + line.feeMilliFen())
                : new BillTotals(payments, refunds + 1, paidFen, refundedFen + line.amountFen(), feeMilliFen + line.feeMilliFen());
    }
}
