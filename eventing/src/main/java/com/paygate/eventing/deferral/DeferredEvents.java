package com.paygate.eventing.deferral;

import com.paygate.eventing.EventingConfig;
import com.paygate.eventing.sql.PlainSql;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /**
     * The next try after another that could not apply it: the first back-off doubled per try made (evaluated before
     * attempts is raised; the exponent is capped so the arithmetic never overflows), at most the maximum back-off.
     */
    private static String nextAttempt(int now, int firstBackoffSeconds, int maxBackoffSeconds) {
        return "next_attempt_at = ?" + now + " + INTERVAL LEAST(?" + firstBackoffSeconds + " * POW(2, LEAST(attempts + 1, 20)), ?"
                + maxBackoffSeconds + ") SECOND";
    }

    private final PlainSql reads;
    private final Instance<DeferredEventHandler> handlers;
    private final MeterRegistry metrics;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final int batchSize;
    private final Map<String, DeferredEventHandler> byConsumer = new ConcurrentHashMap<>();
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();

    public DeferredEvents(PlainSql reads, @Any Instance<DeferredEventHandler> handlers, MeterRegistry metrics,
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
        metrics.counter("consumer.deferred", "consumer", consumer).increment();
        waiting.incrementAndGet(); // until the job counts again: moves look for parked events from now on
        LOG.infof("%s: event %s for %s cannot be applied yet, parked: %s", consumer, eventId, key, reason);
        return Panache.getSession().chain(session -> session
                .createNativeQuery("DELETE FROM processed_event WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, consumer).setParameter(2, eventId)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("INSERT INTO deferred_event (consumer, event_id, msg_key, payload,"
                                + " reason, deferred_at, attempts, next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)"
                                // Evaluated left to right: the back-off doubles with the attempts made so far.
                                + " ON DUPLICATE KEY UPDATE reason = VALUES(reason), " + nextAttempt(6, 8, 9) + ", attempts = attempts + 1")
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
     * After a commit that moved {@code key}: tries that key's parked events now, oldest first (one indexed read; the
     * job covers a failure here). Nothing is read while no event is parked anywhere (the job counts them every run,
     * a parking here counts at once): the usual case costs the hot path nothing.
     */
    public Uni<Void> retryKey(String consumer, String key) {
        if (waiting.get() == 0) {
            return Uni.createFrom().voidItem();
        }
        return reads.query("SELECT consumer, event_id, payload FROM deferred_event WHERE consumer = ?1 AND msg_key = ?2"
                        + " ORDER BY id", consumer, key)
                .chain(this::reapplyAll)
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("%s: parked events for %s not retried now (the job will): %s", consumer, key, e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** The job: parked events of this service's consumers whose back-off is over, longest due first; and the gauges. */
    @Scheduled(identity = "deferred-events", every = "${paygate.deferred.retry-every:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> retryDue() {
        List<String> consumers = handlers.stream().map(DeferredEventHandler::consumer).toList();
        if (consumers.isEmpty()) {
            return Uni.createFrom().voidItem(); // this service parks nothing
        }
        StringBuilder list = new StringBuilder();
        Object[] params = new Object[consumers.size() + 1];
        params[0] = Instant.now();
        for (int i = 0; i < consumers.size(); i++) {
            list.append(i == 0 ? "" : ", ").append('?').append(i + 2);
            params[i + 1] = consumers.get(i);
        }
        return reads.query("SELECT consumer, event_id, payload FROM deferred_event WHERE next_attempt_at <= ?1 AND consumer IN ("
                        + list + ") ORDER BY next_attempt_at, id LIMIT " + batchSize, params)
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

    /**
     * One after another (a key's parked events keep their order). One whose try fails (not one deferred again: that
     * moves its own next try) gets its next try pushed back like a deferral, so it never holds the batch's places.
     */
    private Uni<Void> reapplyAll(RowSet<Row> rows) {
        List<Uni<Void>> each = new ArrayList<>();
        for (Row row : rows) {
            String consumer = row.getString(0);
            String eventId = row.getString(1);
            String payload = row.getString(2);
            DeferredEventHandler handler = handler(consumer);
            each.add(Uni.createFrom().deferred(() -> handler.reapply(payload))
                    .onFailure().recoverWithUni(e -> {
                        LOG.warnf("%s: parked event %s failed again, stays parked: %s", consumer, eventId, e.toString());
                        return later(consumer, eventId).onFailure().recoverWithNull().replaceWithVoid();
                    }));
        }
        return Multi.createFrom().iterable(each).onItem().transformToUniAndConcatenate(u -> u).collect().last()
                .replaceWithVoid();
    }

    private Uni<Integer> later(String consumer, String eventId) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("UPDATE deferred_event SET " + nextAttempt(3, 4, 5) + ", attempts = attempts + 1"
                        + " WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, consumer).setParameter(2, eventId).setParameter(3, Instant.now())
                .setParameter(4, firstBackoff.toSeconds()).setParameter(5, maxBackoff.toSeconds())
                .executeUpdate()));
    }

    private DeferredEventHandler handler(String consumer) {
        return byConsumer.computeIfAbsent(consumer, name -> handlers.stream()
                .filter(h -> h.consumer().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no handler for consumer " + name)));
    }

    private static String truncate(String reason) {
        return reason.length() <= 500 ? reason : reason.substring(0, 500);
    }
}
