package com.paygate.eventing.consumer;

/**
 * A record that can never be applied, however often it is tried: unreadable, without the fields its type needs,
 * or of a type or version this consumer does not know. Only this goes to the dead-letter topic; every other
 * failure is retried (see {@link ConsumerRetry}).
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String reason) {
        super(reason);
    }
}
