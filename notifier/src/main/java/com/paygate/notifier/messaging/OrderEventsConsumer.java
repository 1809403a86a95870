package com.paygate.notifier.messaging;

import com.paygate.notifier.domain.Notification;
import com.paygate.notifier.service.NotificationService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes order-events. Malformed and foreign messages are logged and acknowledged so they never block the
 * partition. A message is acknowledged once its notification is claimed in the database (and its first attempt
 * made); if the database stays unreachable the message is nacked and the channel stops (failure-strategy=fail),
 * turning readiness DOWN, rather than dropping a notification silently.
 */
@ApplicationScoped
public class OrderEventsConsumer {

    private static final Logger LOG = Logger.getLogger(OrderEventsConsumer.class);

    private final OrderEventParser parser;
    private final NotificationService notifications;

    public OrderEventsConsumer(OrderEventParser parser, NotificationService notifications) {
        this.parser = parser;
        this.notifications = notifications;
    }

    @Incoming("order-events")
    public Uni<Void> consume(String payload) {
        Optional<Notification> notification;
        try {
            notification = parser.parse(payload);
        } catch (MalformedEventException e) {
            LOG.warnf("Skipping malformed order event (%s): %s", e.getMessage(), parser.describe(payload));
            return Uni.createFrom().voidItem();
        }
        if (notification.isEmpty()) {
            LOG.debugf("Ignoring order event not needing a notification: %s", parser.describe(payload));
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> notifications.accept(notification.get(), payload))
                .onFailure().invoke(e -> LOG.warnf("Could not record notification for %s, retrying: %s",
                        parser.describe(payload), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).atMost(5);
    }
}
