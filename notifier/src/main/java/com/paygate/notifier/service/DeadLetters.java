package com.paygate.notifier.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.paygate.eventing.outbox.Outbox;
import com.paygate.notifier.config.NotifierConfig;
import com.paygate.notifier.messaging.DeadLetterEvent;
import com.paygate.notifier.repository.NotificationLogEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes a dead letter through the outbox, in the caller's transaction: the FAILED state and the dead letter
 * commit together, and the relay publishes it even if Kafka is down at that moment.
 */
@ApplicationScoped
public class DeadLetters {

    private final Outbox outbox;
    private final ObjectMapper json;
    private final String topic;

    public DeadLetters(Outbox outbox, ObjectMapper json, NotifierConfig config) {
        this.outbox = outbox;
        this.json = json;
        this.topic = config.deadLetterTopic();
    }

    public Uni<Void> publish(NotificationLogEntity row) {
        String id = UUID.randomUUID().toString();
        DeadLetterEvent event = new DeadLetterEvent(id, DeadLetterEvent.TYPE, Instant.now(), row.orderSn, row.userId,
                row.eventId, row.channel, row.attempts, row.lastError, original(row.payload));
        return outbox.enqueue(topic, row.orderSn, id, DeadLetterEvent.TYPE, event).replaceWithVoid();
    }

    private JsonNode original(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            // Only parsed events are stored, so this is not expected; keep the text rather than lose it.
            return TextNode.valueOf(payload);
        }
    }
}
