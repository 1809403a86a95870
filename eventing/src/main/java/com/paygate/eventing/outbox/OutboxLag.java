package com.paygate.eventing.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import com.paygate.eventing.sql.PlainSql;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the outbox holds back: gauges {@code outbox.backlog} (unsent rows) and {@code outbox.lag.seconds} (age of the
 * oldest unsent row). During a Kafka outage readiness stays UP (the outbox absorbs it) and these show it.
 */
@ApplicationScoped
public class OutboxLag {

    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();

    private final PlainSql reads;

    public OutboxLag(MeterRegistry registry, PlainSql reads) {
        this.reads = reads;
        registry.gauge("outbox.backlog", backlog);
        registry.gauge("outbox.lag.seconds", lagMillis, millis -> millis.get() / 1000.0);
    }

    @Scheduled(identity = "outbox-lag", every = "${paygate.outbox.lag-every:5s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        return reads.query("SELECT COUNT(*), MIN(created_at) FROM outbox_event WHERE sent_at IS NULL")
                .invoke(rows -> {
                    var row = rows.iterator().next();
                    backlog.set(row.getLong(0));
                    LocalDateTime min = row.getLocalDateTime(1);
                    Instant oldest = min == null ? null : min.toInstant(ZoneOffset.UTC);
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

}
