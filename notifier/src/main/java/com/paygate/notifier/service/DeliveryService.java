package com.paygate.notifier.service;

import com.paygate.notifier.channel.DeliveryResult;
import com.paygate.notifier.config.NotifierConfig;
import com.paygate.notifier.domain.Notification;
import com.paygate.notifier.domain.NotificationState;
import com.paygate.notifier.repository.NotificationLogEntity;
import com.paygate.notifier.repository.NotificationLogRepository;
import com.paygate.notifier.support.Redaction;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * One delivery attempt of a claimed notification and the bookkeeping of its outcome: SENT, REJECTED, RETRYING
 * with exponential backoff, or FAILED (attempts exhausted or our request invalid) with a dead letter written in
 * the same transaction.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);
    /** Upper bound for one attempt (token fetch, send, one refresh and resend); well inside the claim lease. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

    private final NotificationLogRepository log;
    private final ChannelRouter router;
    private final DeadLetters deadLetters;
    private final NotifierConfig config;
    private final MeterRegistry registry;

    public DeliveryService(NotificationLogRepository log, ChannelRouter router, DeadLetters deadLetters,
            NotifierConfig config, MeterRegistry registry) {
        this.log = log;
        this.router = router;
        this.deadLetters = deadLetters;
        this.config = config;
        this.registry = registry;
    }

    /** Attempt number {@code attempt} (1-based) of a notification whose row this caller has claimed or leased. */
    public Uni<Void> attempt(Notification notification, String channelId, int attempt) {
        Context context = Vertx.currentContext();
        Uni<DeliveryResult> result = router.byId(channelId)
                .map(channel -> Uni.createFrom().deferred(() -> channel.deliver(notification))
                        .ifNoItem().after(ATTEMPT_TIMEOUT).fail()
                        .onFailure().recoverWithItem(e -> DeliveryResult.retry(Redaction.describe(e))))
                .orElseGet(() -> Uni.createFrom().item(DeliveryResult.invalid("channel " + channelId + " is not available")));
        // Replies and timeouts arrive on other threads; the bookkeeping's reactive session needs the caller's context.
        return result.emitOn(on(context)).chain(r -> r.outcome() == DeliveryResult.Outcome.SENT
                ? recordSent(notification, channelId, r, attempt)
                : record(notification.eventId(), r, attempt));
    }

    /** The outcome of nearly every message, in one conditional statement (no read, session or transaction). */
    private Uni<Void> recordSent(Notification notification, String channelId, DeliveryResult result, int attempt) {
        return log.markSent(notification.eventId(), attempt, result.providerMessageId(), Instant.now()).invoke(recorded -> {
            if (recorded) {
                LOG.infof("Order %s: notification %s sent via %s (attempt %d)", notification.orderSn(),
                        notification.eventId(), channelId, attempt);
                counted(NotificationState.SENT);
            }
        }).replaceWithVoid();
    }

    /** Any outcome but SENT ({@link #recordSent}): read, changed and written in one transaction. */
    Uni<Void> record(String eventId, DeliveryResult result, int attempt) {
        return Panache.withTransaction(() -> log.findByEventId(eventId).chain(row -> {
            if (row == null || !NotificationState.OPEN.contains(row.state)) {
                return Uni.createFrom().voidItem();
            }
            Instant now = Instant.now();
            row.attempts = attempt;
            row.updatedAt = now;
            return switch (result.outcome()) {
                case SENT -> throw new IllegalArgumentException("a sent attempt is recorded by recordSent");
                case REJECTED -> {
                    row.state = NotificationState.REJECTED;
                    row.nextAttemptAt = null;
                    row.lastError = Redaction.mask(result.detail());
                    LOG.infof("Order %s: notification %s rejected for the recipient, not retried: %s", row.orderSn,
                            eventId, row.lastError);
                    yield counted(row.state);
                }
                case INVALID -> fail(row, result.detail());
                case RETRY -> attempt >= config.maxAttempts() ? fail(row, result.detail()) : retryLater(row, result.detail(), now);
            };
        })).replaceWithVoid();
    }

    private Uni<Void> retryLater(NotificationLogEntity row, String detail, Instant now) {
        Duration wait = Backoff.after(row.attempts, config.retry().initialDelay(), config.retry().maxDelay());
        row.state = NotificationState.RETRYING;
        row.nextAttemptAt = now.plus(wait);
        row.lastError = Redaction.mask(detail);
        LOG.warnf("Order %s: notification %s attempt %d/%d failed, next in %s: %s", row.orderSn, row.eventId,
                row.attempts, config.maxAttempts(), wait, row.lastError);
        return counted(row.state);
    }

    private Uni<Void> fail(NotificationLogEntity row, String detail) {
        row.state = NotificationState.FAILED;
        row.nextAttemptAt = null;
        row.lastError = Redaction.mask(detail);
        LOG.errorf("Order %s: notification %s FAILED after %d attempt(s), dead-lettered: %s", row.orderSn, row.eventId,
                row.attempts, row.lastError);
        return deadLetters.publish(row).chain(() -> counted(row.state));
    }

    private Uni<Void> counted(NotificationState state) {
        registry.counter("notifier.notifications", "state", state.name()).increment();
        return Uni.createFrom().voidItem();
    }

    private static Executor on(Context context) {
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }
}
