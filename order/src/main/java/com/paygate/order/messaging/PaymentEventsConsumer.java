package com.paygate.order.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.order.service.PaymentEventService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code payment-events}. A record that still fails after a few attempts (or can never be applied:
 * malformed) is nacked, and the channel's dead-letter strategy moves it to {@code payment-events-dlq} with the
 * reason, so the partition keeps moving. Ignored events (unknown type, unknown order) are acked.
 */
@ApplicationScoped
public class PaymentEventsConsumer {

    private static final Logger LOG = Logger.getLogger(PaymentEventsConsumer.class);
    static final int MAX_RETRIES = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final PaymentEventService payments;
    private final ObjectMapper json;

    public PaymentEventsConsumer(PaymentEventService payments, ObjectMapper json) {
        this.payments = payments;
        this.json = json;
    }

    @Incoming("payment-events")
    public Uni<Void> consume(String value) {
        PaymentEvent event;
        try {
            event = value == null ? null : json.readValue(value, PaymentEvent.class);
        } catch (JsonProcessingException e) {
            return malformed("not a payment event: " + e.getOriginalMessage());
        }
        String defect = event == null ? "empty record" : event.defect();
        if (defect != null) {
            return malformed(defect);
        }
        // Each attempt is a fresh transaction that reads the order again: a lost optimistic-lock race resolves on
        // the next attempt, a short database hiccup within the back-off. The back-off timer fires on another
        // thread, so every attempt first hops back to this message's Vert.x context (Hibernate Reactive needs it).
        Context context = Vertx.currentContext();
        Uni<Void> onContext = context == null ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().emitOn(task -> context.runOnContext(ignored -> task.run()));
        return onContext.chain(() -> payments.apply(event))
                .onFailure().invoke(e -> LOG.warnf("Payment event %s (%s) for order %s failed, retrying: %s",
                        event.eventId(), event.type(), event.orderSn(), e.toString()))
                .onFailure().retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).atMost(MAX_RETRIES)
                .onFailure().invoke(e -> LOG.errorf(e, "Payment event %s for order %s sent to the dead-letter topic",
                        event.eventId(), event.orderSn()))
                .replaceWithVoid();
    }

    private static Uni<Void> malformed(String why) {
        LOG.errorf("Malformed payment event sent to the dead-letter topic: %s", why);
        return Uni.createFrom().failure(new IllegalArgumentException("Malformed payment event: " + why));
    }
}
