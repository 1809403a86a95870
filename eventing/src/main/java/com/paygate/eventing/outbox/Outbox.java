package com.paygate.eventing.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.eventing.trace.Traces;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Writes events into the outbox. Call it inside the transaction that makes the change the event announces:
 * both commit or neither does, so an event is never lost and never announces something that did not happen.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;
    private final OutboxSignal signal;

    public Outbox(ObjectMapper json, OutboxSignal signal) {
        this.json = json;
        this.signal = signal;
    }

    public Uni<OutboxEvent> enqueue(String topic, String key, String eventId, String type, Object event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = eventId;
        row.topic = topic;
        row.key = key;
        row.type = type;
        row.payload = serialize(event);
        row.createdAt = Instant.now();
        row.nextAttemptAt = row.createdAt;
        row.traceParent = Traces.currentTraceParent();
        // The INSERT runs now (identity ids): the relay waits for this row's commit and sends it right then.
        return row.<OutboxEvent>persist().invoke(written -> signal.fire(written.id));
    }

    private String serialize(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event is not serializable: " + event.getClass().getName(), e);
        }
    }
}
