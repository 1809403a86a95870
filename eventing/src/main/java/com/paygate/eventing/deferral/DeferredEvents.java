package com.paygate.eventing.deferral;

import com.paygate.eventing.EventingConfig;
import com.paygate.eventing.sql.PlainReads;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Events a consumer cannot apply yet, parked until the state they need arrives: an event that overtook the one
 * before it (a refund's outcome reaching order before the payment it refunds, after a dead-letter replay, say).
 *
 * <p>A parked event is not marked done: {@link #defer} takes its inbox row back in the applying transaction, so it
 * is applied once, when it can be. It is tried again right after its key's next move in this process ({@link
 * #retryKey}) and by a job on a back-off ({@code paygate.deferred.*}), each time through its consumer's {@link
 * DeferredEventHandler}, which goes through the inbox like a delivery: two replicas trying one parked event apply
 * it once. Parked events are never dropped; the {@code events.deferred} gauges show how many wait and for how long.
 */
@ApplicationScoped
public class DeferredEvents {

    private static final Logger LOG = Logger.getLogger(DeferredEvents.class);
    private static final String SEP = "\u0000";

    private final PlainReads reads;
    private final Instance<DeferredEventHandler> handlers;
    private final MeterRegistry metrics;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final int batchSize;
    /** Keys this process parked an event for: a move of any other key needs no look at the table. */
    private final Set<String> parkedKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, DeferredEventHandler> byConsumer = new ConcurrentHashMap<>();
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();

    public DeferredEvents(PlainReads reads, @Any Instance<DeferredEventHandler> handlers, MeterRegistry metrics,
            EventingConfig config) {
        this.reads = reads;
        this.handlers = handlers;
        this.metrics = metrics;
        this.firstBackoff = config.deferred().firstBackoff();
        this.maxBackoff = config.deferred().maxBackoff();
        this.batchSize = config.deferred().batchSize();
        metrics.gauge("events.deferred", waiting);
        metrics.gauge("events.deferred.oldest.seconds", oldestMillis, millis -> millis.get() / 1000.0);
    }

    /**
     * Inside the transaction that found {@code eventId} cannot be applied yet: parks it (again: one more attempt,
     * tried later on the back-off) and takes back the inbox row the delivery took, so the event is not done.
     */
    public Uni<Void> defer(String consumer, String key, String eventId, String payload, String reason) {
        Instant now = Instant.now();
        parkedKeys.add(consumer + SEP + key);
        metrics.counter("consumer.deferred", "consumer", consumer).increment();
        LOG.infof("%s: event %s for %s cannot be applied yet, parked: %s", consumer, eventId, key, reason);
        return Panache.getSession().chain(session -> session
                .createNativeQuery("DELETE FROM processed_event WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, consumer).setParameter(2, eventId)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("INSERT INTO deferred_event (consumer, event_id, msg_key, payload,"
                                + " reason, deferred_at, attempts, next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)"
                                // Evaluated left to right: the back-off doubles with the attempts made so far.
                                + " ON DUPLICATE KEY UPDATE reason = VALUES(reason), next_attempt_at = ?6 + INTERVAL"
                                + " LEAST(?8 * POW(2, attempts), ?9) SECOND, attempts = attempts + 1")
                        .setParameter(1, consumer).setParameter(2, eventId).setParameter(3, key)
                        .setParameter(4, payload).setParameter(5, truncate(reason)).setParameter(6, now)
                        .setParameter(7, now.plus(firstBackoff))
                        .setParameter(8, firstBackoff.toSeconds()).setParameter(9, maxBackoff.toSeconds())
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** Inside the transaction that applied (or found already applied) a parked event: it is no longer parked. */
    public Uni<Void> release(String consumer, String eventId) {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("DELETE FROM deferred_event WHERE consumer = ?1 AND event_id = ?2")
                        .setParameter(1, consumer).setParameter(2, eventId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * After a commit that moved {@code key}: tries that key's parked events now, oldest first. Costs nothing for keys
     * this process parked nothing for; the job covers the rest (another replica's, or after a restart).
     */
    public Uni<Void> retryKey(String consumer, String key) {
        if (!parkedKeys.remove(consumer + SEP + key)) {
            return Uni.createFrom().voidItem();
        }
        return reads.query("SELECT consumer, payload FROM deferred_event WHERE consumer = ?1 AND msg_key = ?2 ORDER BY id",
                        consumer, key)
                .chain(this::reapplyAll)
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("%s: parked events for %s not retried now (the job will): %s", consumer, key, e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** The job: parked events whose back-off is over, oldest first; and the gauges. */
    @Scheduled(identity = "deferred-events", every = "${paygate.deferred.retry-every:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> retryDue() {
        return reads.query("SELECT consumer, payload FROM deferred_event WHERE next_attempt_at <= ?1 ORDER BY id LIMIT "
                        + batchSize, Instant.now())
                .chain(this::reapplyAll)
                .chain(() -> reads.query("SELECT COUNT(*), MIN(deferred_at) FROM deferred_event"))
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    waiting.set(row.getLong(0));
                    var oldest = row.getLocalDateTime(1);
                    oldestMillis.set(oldest == null ? 0
                            : Math.max(0, Duration.between(oldest.toInstant(ZoneOffset.UTC), Instant.now()).toMillis()));
                })
                .replaceWithVoid();
    }

    /** One after another (a key's parked events keep their order); one that fails stays parked for the next try. */
    private Uni<Void> reapplyAll(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Uni<Void>> each = new ArrayList<>();
        for (Row row : rows) {
            String consumer = row.getString(0);
            String payload = row.getString(1);
            DeferredEventHandler handler = handler(consumer);
            if (handler == null) {
                LOG.errorf("Parked events of consumer %s, which this service does not run: left parked", consumer);
                continue;
            }
            each.add(Uni.createFrom().deferred(() -> handler.reapply(payload))
                    .onFailure().recoverWithUni(e -> {
                        LOG.warnf("%s: a parked event failed again, stays parked: %s", consumer, e.toString());
                        return Uni.createFrom().voidItem();
                    }));
        }
        return Multi.createFrom().iterable(each).onItem().transformToUniAndConcatenate(u -> u).collect().last()
                .replaceWithVoid();
    }

    private DeferredEventHandler handler(String consumer) {
        return byConsumer.computeIfAbsent(consumer, name -> handlers.stream()
                .filter(h -> h.consumer().equals(name)).findFirst().orElse(null));
    }

    private static String truncate(String reason) {
        return reason.length() <= 500 ? reason : reason.substring(0, 500);
    }
}
