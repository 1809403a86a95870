package com.paygate.payment.provider;

/**
 * A provider notification we refuse: the provider gets an error answer and retries. {@code reason} is a short,
 * stable tag for logs and metrics; the message never holds secrets or decrypted content.
 */
public class NotificationRejected extends RuntimeException {

    private final String reason;
    private final int status;

    public NotificationRejected(String reason, int status, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.status = status;
    }

    public String reason() {
        return reason;
    }

    public int status() {
        return status;
    }
}
