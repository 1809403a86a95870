package com.paygate.eventing.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import java.util.Map;
import java.util.UUID;

/** The relay tests' view of the outbox table: write a row as a service would, read it back. */
final class OutboxRows {

    private OutboxRows() {
    }

    /** Enqueues a probe event in a transaction of its own; answers its event id. */
    static String enqueue(Outbox outbox, String topic, String key) {
        String eventId = UUID.randomUUID().toString();
        await(() -> Panache.withTransaction(() -> outbox.enqueue(topic, key, eventId, "PROBE", Map.of("eventId", eventId))));
        return eventId;
    }

    static OutboxEvent row(String eventId) {
        return await(() -> Panache.withSession(() -> OutboxEvent.<OutboxEvent>find("eventId", eventId).firstResult()));
    }

    static <T> T await(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
