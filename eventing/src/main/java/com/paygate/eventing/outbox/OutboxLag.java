package com.paygate.eventing.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the outbox holds back: gauges {@code outbox.backlog} (unsent rows) and {@code outbox.lag.seconds} (age of the
 * oldest unsent row). During a Kafka outage readiness stays UP (the outbox absorbs it) and these show it.
 */
@ApplicationScoped
public class OutboxLag {

    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();

    public OutboxLag(MeterRegistry registry) {
        registry.gauge("outbox.backlog", backlog);
        registry.gauge("outbox.lag.seconds", lagMillis, millis -> millis.get() / 1000.0);
    }

    @Scheduled(identity = "outbox-lag", every = "${paygate.outbox.lag-every:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("SELECT COUNT(*), MIN(created_at) FROM outbox_event WHERE sent_at IS NULL", Object[].class)
                        .getSingleResult()))
                .invoke(row -> {
                    backlog.set(((Number) row[0]).longValue());
                    Instant oldest = toInstant(row[1]);
                    lagMillis.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis()));
                })
                .replaceWithVoid();
    }

    public long backlog() {
        return backlog.get();
    }

    public Duration lag() {
        return Duration.ofMillis(lagMillis.get());
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.toInstant(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getName());
    }
}
