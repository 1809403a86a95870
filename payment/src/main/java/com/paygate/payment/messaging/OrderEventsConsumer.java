package com.paygate.payment.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.eventing.consumer.ConsumerRetry;
import com.paygate.eventing.inbox.Inbox;
import com.paygate.eventing.trace.Traces;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.repository.PaymentRepository;
import com.paygate.payment.service.PaymentCloser;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Closes the open payments of cancelled or expired orders; ORDER_REFUND_REQUESTED goes to {@link RefundRequests}.
 * Other types are acknowledged (the topic is shared); an unreadable record is poison (order-events-dlq). The
 * closes run first and are idempotent; the inbox row is written after, so a crash in between only repeats harmless
 * closes. A close the provider fails is left to the expiry job; a database failure is retried until it passes
 * ({@link ConsumerRetry}), so a cancelled order's payments are never forgotten.
 */
@ApplicationScoped
public class OrderEventsConsumer {

    static final String CONSUMER = "payment-service:order-events";
    private static final Logger LOG = Logger.getLogger(OrderEventsConsumer.class);

    private final ObjectMapper json;
    private final PaymentRepository payments;
    private final PaymentCloser closer;
    private final Inbox inbox;
    private final RefundRequests refunds;
    private final Traces traces;
    private final ConsumerRetry retry;

    public OrderEventsConsumer(ObjectMapper json, PaymentRepository payments, PaymentCloser closer, Inbox inbox,
            RefundRequests refunds, ConsumerRetry retry, Traces traces) {
        this.traces = traces;
        this.json = json;
        this.payments = payments;
        this.closer = closer;
        this.inbox = inbox;
        this.refunds = refunds;
        this.retry = retry;
    }

    @Incoming("order-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        String value = record.value();
        JsonNode tree;
        try {
            tree = json.readTree(value);
        } catch (Exception e) {
            return retry.poison(CONSUMER, "unreadable order event (" + (value == null ? 0 : value.length()) + " chars)");
        }
        if (tree == null || !tree.isObject()) {
            return retry.poison(CONSUMER, "order event is not a JSON object");
        }
        OrderEvent event = OrderEvent.read(tree);
        if (!event.closesPayments() && !event.requestsRefund()) {
            return Uni.createFrom().voidItem();
        }
        if (event.defect() != null) {
            return retry.poison(CONSUMER, event.defect());
        }
        return traces.continued("order-events consume", record.headers(), event.orderSn(),
                () -> event.requestsRefund() ? refunds.handle(event) : closeOpenPayments(event));
    }

    /** A cancelled or expired order: its open payments are closed, once per event. */
    private Uni<Void> closeOpenPayments(OrderEvent event) {
        String type = event.type();
        String eventId = event.eventId();
        String orderSn = event.orderSn();
        return retry.untilApplied(CONSUMER, type + " " + eventId + " for order " + orderSn,
                        () -> Panache.withSession(() -> payments.openByOrder(Payment.BUILT_IN_APP, orderSn))
                                .chain(open -> closeAll(open))
                                .chain(() -> Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, eventId))))
                .invoke(first -> LOG.infof("%s %s for order %s handled (first delivery: %s)", type, eventId, orderSn, first))
                .replaceWithVoid();
    }

    private Uni<Void> closeAll(List<Payment> open) {
        return Multi.createFrom().iterable(open)
                .onItem().transformToUniAndConcatenate(p -> closer.close(p, TransitionSource.ORDER_EVENT))
                .collect().last()
                .replaceWithVoid();
    }
}
