package com.paygate.order.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.eventing.consumer.ConsumerRetry;
import com.paygate.eventing.deferral.DeferredEvents;
import com.paygate.eventing.trace.Traces;
import com.paygate.order.event.PaymentEvent;
import com.paygate.order.service.PaymentEventService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code payment-events}. A valid event is applied however long the database is unavailable
 * ({@link ConsumerRetry}: each attempt a fresh transaction that reads the order again). Only a record that can never
 * be applied (malformed) is failed, and the channel's dead-letter strategy moves it to {@code payment-events-dlq}
 * with the reason. Ignored events (unknown type, unknown order) are acked. An event parked because it overtook its
 * order's payment is tried again as soon as this order moves.
 */
@ApplicationScoped
public class PaymentEventsConsumer {

    static final String CONSUMER = "order:payment-events";

    private final PaymentEventService payments;
    private final ObjectMapper json;
    private final Traces traces;
    private final ConsumerRetry retry;
    private final DeferredEvents deferred;

    public PaymentEventsConsumer(PaymentEventService payments, ObjectMapper json, ConsumerRetry retry, Traces traces,
            DeferredEvents deferred) {
        this.deferred = deferred;
        this.traces = traces;
        this.payments = payments;
        this.json = json;
        this.retry = retry;
    }

    @Incoming("payment-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        String value = record.value();
        PaymentEvent event;
        try {
            event = value == null ? null : json.readValue(value, PaymentEvent.class);
        } catch (JsonProcessingException e) {
            return retry.poison(CONSUMER, "Malformed payment event: not a payment event: " + e.getOriginalMessage());
        }
        String defect = event == null ? "empty record" : event.defect();
        if (defect != null) {
            return retry.poison(CONSUMER, "Malformed payment event: " + defect);
        }
        String what = "payment event " + event.eventId() + " (" + event.type() + ") for order " + event.orderSn();
        return traces.continued("payment-events consume", record.headers(), event.orderSn(),
                () -> retry.untilApplied(CONSUMER, what, () -> payments.apply(event))
                        // Committed: events parked for this order may apply now.
                        .call(outcome -> outcome.moved() ? deferred.retryKey(PaymentEventService.CONSUMER, event.orderSn())
                                : Uni.createFrom().voidItem())
                        .replaceWithVoid());
    }
}
