package com.paygate.notifier.messaging;

import com.paygate.eventing.consumer.ConsumerRetry;
import com.paygate.eventing.trace.Traces;
import com.paygate.notifier.domain.Notification;
import com.paygate.notifier.service.NotificationService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes order-events. A record of a type the notifier acts on that it cannot read (a field missing) is poison:
 * dead-lettered to order-events-dlq with its reason, so no user's message is dropped silently. Foreign types are
 * acknowledged; so are records that are not JSON objects with a type at all, which payment, the topic's other
 * consumer, dead-letters already (once is enough). A message is acknowledged once
 * its notification is claimed in the database (and its first attempt made); while the database is unreachable the
 * record is retried without limit ({@link ConsumerRetry}), holding the partition, so no notification is dropped.
 */
@ApplicationScoped
public class OrderEventsConsumer {

    static final String CONSUMER = "notifier:order-events";
    private static final Logger LOG = Logger.getLogger(OrderEventsConsumer.class);

    private final OrderEventParser parser;
    private final NotificationService notifications;
    private final Traces traces;
    private final ConsumerRetry retry;

    public OrderEventsConsumer(OrderEventParser parser, NotificationService notifications, ConsumerRetry retry, Traces traces) {
        this.traces = traces;
        this.parser = parser;
        this.notifications = notifications;
        this.retry = retry;
    }

    @Incoming("order-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        String payload = record.value();
        Optional<Notification> notification;
        try {
            notification = parser.parse(payload);
        } catch (MalformedEventException e) {
            if (parser.actsOn(payload)) {
                return retry.poison(CONSUMER, e.getMessage() + ": " + parser.describe(payload));
            }
            LOG.warnf("Skipping unreadable order event (%s; payment dead-letters it): %s", e.getMessage(), parser.describe(payload));
            return Uni.createFrom().voidItem();
        }
        if (notification.isEmpty()) {
            LOG.debugf("Ignoring order event not needing a notification: %s", parser.describe(payload));
            return Uni.createFrom().voidItem();
        }
        return traces.continued("order-events consume", record.headers(), record.key(), () -> retry.untilApplied(CONSUMER,
                "notification for " + parser.describe(payload), () -> notifications.accept(notification.get(), payload)));
    }
}
