package com.paygate.eventing.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process nudge from a transaction that wrote outbox rows to this process's relay, so an event goes to
 * Kafka within milliseconds instead of at the next poll. A plain counter: the relay reads it to know that rows
 * may be on their way (the writer's commit follows its enqueue by a few milliseconds).
 */
@ApplicationScoped
public class OutboxSignal {

    private final AtomicLong written = new AtomicLong();
    private volatile Runnable listener = () -> { };

    void fire() {
        written.incrementAndGet();
        listener.run();
    }

    long written() {
        return written.get();
    }

    void listen(Runnable onWrite) {
        this.listener = onWrite;
    }
}
