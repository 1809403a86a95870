package com.paygate.payment.provider.bill;

/** A bill that cannot be read as its format says (a missing column, a malformed amount, a summary the lines contradict). */
public class BillFormatException extends RuntimeException {

    public BillFormatException(String message) {
        super(message);
    }

    public BillFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
