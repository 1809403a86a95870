package com.paygate.eventing.outbox;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The in-process nudge from a transaction that wrote outbox rows to this process's relay, so an event goes to
 * Kafka within milliseconds instead of at the next poll (the relay looks again shortly, since the writer's commit
 * follows its enqueue by a few milliseconds).
 */
@ApplicationScoped
public class OutboxSignal {

    private volatile Runnable listener = () -> { };

    void fire() {
        listener.run();
    }

    void listen(Runnable onWrite) {
        this.listener = onWrite;
    }
}
