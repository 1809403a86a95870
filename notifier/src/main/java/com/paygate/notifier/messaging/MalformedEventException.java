package com.paygate.notifier.messaging;

/** A message on order-events that cannot be understood; it is logged and acknowledged, never retried. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message, null, false, false);
    }
}
