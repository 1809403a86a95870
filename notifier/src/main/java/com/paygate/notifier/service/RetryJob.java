package com.paygate.notifier.service;

import com.paygate.notifier.channel.DeliveryResult;
import com.paygate.notifier.config.NotifierConfig;
import com.paygate.notifier.domain.Notification;
import com.paygate.notifier.messaging.OrderEventParser;
import com.paygate.notifier.repository.NotificationLogEntity;
import com.paygate.notifier.repository.NotificationLogRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Retries due notifications (RETRYING whose backoff ended, and PENDING whose first attempt died with its process).
 * Safe on several replicas: rows are claimed with FOR UPDATE SKIP LOCKED and leased by pushing next_attempt_at
 * past the attempt, so no two replicas send the same row at once.
 */
@ApplicationScoped
public class RetryJob {

    private static final Logger LOG = Logger.getLogger(RetryJob.class);

    private final NotificationLogRepository log;
    private final DeliveryService delivery;
    private final OrderEventParser parser;
    private final NotifierConfig config;

    public RetryJob(NotificationLogRepository log, DeliveryService delivery, OrderEventParser parser, NotifierConfig config) {
        this.log = log;
        this.delivery = delivery;
        this.parser = parser;
        this.config = config;
    }

    @Scheduled(identity = "notification-retry", every = "${notifier.retry.poll-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> retryDue() {
        return claimDue()
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(row -> retryWithinLease(row)
                                .onFailure().invoke(e -> LOG.warnf("Retry of notification %s failed: %s", row.eventId, e.toString()))
                                .onFailure().recoverWithNull())
                        .collect().last())
                .onFailure().invoke(e -> LOG.warnf("Notification retry pass failed, will run again: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    Uni<List<NotificationLogEntity>> claimDue() {
        return Panache.withTransaction(() -> log.lockDue(Instant.now(), config.retry().batchSize())
                .invoke(rows -> {
                    Instant leaseEnd = Instant.now().plus(config.retry().lease());
                    rows.forEach(row -> row.nextAttemptAt = leaseEnd);
                }));
    }

    /**
     * Rows are attempted one after another (one reactive session per context allows no concurrency). A row whose
     * attempt could outlast its lease is left alone: once the lease ends another pass (here or on another replica)
     * takes it, and two replicas never send it at the same time.
     */
    private Uni<Void> retryWithinLease(NotificationLogEntity row) {
        if (Instant.now().plus(DeliveryService.ATTEMPT_TIMEOUT).isAfter(row.nextAttemptAt)) {
            LOG.debugf("Notification %s left for a later pass: its lease ends too soon", row.eventId);
            return Uni.createFrom().voidItem();
        }
        return retry(row);
    }

    private Uni<Void> retry(NotificationLogEntity row) {
        Optional<Notification> notification;
        try {
            notification = parser.parse(row.payload);
        } catch (RuntimeException e) {
            notification = Optional.empty();
        }
        if (notification.isEmpty()) {
            return delivery.record(row.eventId, DeliveryResult.invalid("stored event cannot be read"), row.attempts + 1);
        }
        return delivery.attempt(notification.get(), row.channel, row.attempts + 1);
    }
}
