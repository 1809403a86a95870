package com.paygate.notifier.service;

import com.paygate.notifier.channel.NotificationChannel;
import com.paygate.notifier.config.NotifierConfig;
import com.paygate.notifier.domain.Notification;
import com.paygate.notifier.domain.NotificationState;
import com.paygate.notifier.repository.NotificationLogEntity;
import com.paygate.notifier.repository.NotificationLogRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Takes a notification from an event: claims it (one row per event id, committed before anything is sent) and
 * makes the first attempt. A redelivered or concurrently delivered event loses the claim and sends nothing.
 */
@ApplicationScoped
public class NotificationService {

    private static final Logger LOG = Logger.getLogger(NotificationService.class);

    private final NotificationLogRepository log;
    private final ChannelRouter router;
    private final DeliveryService delivery;
    private final NotifierConfig config;
    private final MeterRegistry registry;

    public NotificationService(NotificationLogRepository log, ChannelRouter router, DeliveryService delivery,
            NotifierConfig config, MeterRegistry registry) {
        this.log = log;
        this.router = router;
        this.delivery = delivery;
        this.config = config;
        this.registry = registry;
    }

    public Uni<Void> accept(Notification notification, String originalEvent) {
        Optional<NotificationChannel> channel = router.pick(notification);
        NotificationLogEntity row = newRow(notification, originalEvent, channel);
        return log.claim(row).chain(claimed -> {
            if (!claimed) {
                LOG.infof("Notification for event %s (order %s) already claimed; duplicate delivery ignored",
                        notification.eventId(), notification.orderSn());
                registry.counter("notifier.duplicates").increment();
                return Uni.createFrom().voidItem();
            }
            if (channel.isEmpty()) {
                LOG.infof("Order %s: no channel can reach user %s (no openid); recorded as SKIPPED",
                        notification.orderSn(), notification.userId());
                registry.counter("notifier.notifications", "state", NotificationState.SKIPPED.name()).increment();
                return Uni.createFrom().voidItem();
            }
            return delivery.attempt(notification, channel.get().id(), 1);
        });
    }

    public Uni<List<NotificationLogEntity>> forOrder(String orderSn, String userId) {
        return Panache.withSession(() -> log.forOrder(orderSn, userId));
    }

    private NotificationLogEntity newRow(Notification n, String originalEvent, Optional<NotificationChannel> channel) {
        Instant now = Instant.now();
        NotificationLogEntity row = new NotificationLogEntity();
        row.eventId = n.eventId();
        row.eventType = n.kind().name();
        row.orderSn = n.orderSn();
        row.userId = n.userId();
        row.channel = channel.map(NotificationChannel::id).orElse(null);
        row.recipient = n.openid();
        row.payload = originalEvent;
        row.createdAt = now;
        if (channel.isPresent()) {
            // Leased to this first attempt: if the process dies mid-send, the retry job takes it over afterwards.
            row.state = NotificationState.PENDING;
            row.nextAttemptAt = now.plus(config.retry().lease());
        } else {
            row.state = NotificationState.SKIPPED;
            row.lastError = "no channel can reach the user (no openid)";
        }
        return row;
    }
}
