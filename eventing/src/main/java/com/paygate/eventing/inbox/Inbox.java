package com.paygate.eventing.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Remembers which events a consumer has applied. Call {@link #firstDelivery} inside the transaction that applies
 * the event: the row commits with the change, so a redelivered event is recognised and changes nothing. Two
 * concurrent deliveries of one event serialize on the primary key; the later one sees it taken.
 */
@ApplicationScoped
public class Inbox {

    public Uni<Boolean> firstDelivery(String consumer, String eventId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT IGNORE INTO processed_event (consumer, event_id, processed_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .setParameter(3, java.time.Instant.now())
                .executeUpdate()
                .map(inserted -> inserted == 1));
    }
}
