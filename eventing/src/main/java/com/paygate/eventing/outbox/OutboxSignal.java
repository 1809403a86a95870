package com.paygate.eventing.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.LongConsumer;

/**
 * The in-process nudge from a transaction that wrote an outbox row to this process's relay, so an event goes to
 * Kafka within milliseconds instead of at the next poll. It carries the row's id: the relay waits for that row's
 * commit (a share lock on it waits for the writer) and looks right then.
 */
@ApplicationScoped
public class OutboxSignal {

    private volatile LongConsumer listener = id -> { };

    void fire(long rowId) {
        listener.accept(rowId);
    }

    void listen(LongConsumer onWrite) {
        this.listener = onWrite;
    }
}
