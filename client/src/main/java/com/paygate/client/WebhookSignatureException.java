package com.paygate.client;

/** A webhook delivery that must not be trusted; a receiver answers it with 400 and does not act on it. */
public class WebhookSignatureException extends RuntimeException {

    public WebhookSignatureException(String message) {
        super(message);
    }
}
