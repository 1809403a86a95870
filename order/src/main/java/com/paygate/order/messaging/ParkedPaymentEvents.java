package com.paygate.order.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.eventing.deferral.DeferredEventHandler;
import com.paygate.order.event.PaymentEvent;
import com.paygate.order.service.PaymentEventService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Applies a payment event parked by {@link PaymentEventService} again, as a delivery would. */
@ApplicationScoped
public class ParkedPaymentEvents implements DeferredEventHandler {

    private final PaymentEventService payments;
    private final ObjectMapper json;

    public ParkedPaymentEvents(PaymentEventService payments, ObjectMapper json) {
        this.payments = payments;
        this.json = json;
    }

    @Override
    public String consumer() {
        return PaymentEventService.CONSUMER;
    }

    @Override
    public Uni<Void> reapply(String payload) {
        return Uni.createFrom().item(() -> {
                    try {
                        return json.readValue(payload, PaymentEvent.class);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("a parked payment event no longer reads", e);
                    }
                })
                .chain(payments::applyParked)
                .replaceWithVoid();
    }
}
