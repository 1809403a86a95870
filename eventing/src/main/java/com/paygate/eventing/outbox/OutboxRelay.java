package com.paygate.eventing.outbox;

import com.paygate.eventing.EventingConfig;
import com.paygate.eventing.claim.RowClaim;
import com.paygate.eventing.sql.PlainSql;
import com.paygate.eventing.trace.Traces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes due outbox rows to Kafka and marks them sent once the broker acknowledged them.
 *
 * <p>Push, then poll: a transaction that writes a row nudges this relay ({@link OutboxSignal}) with the row's id;
 * the relay waits for that row's commit and looks right then (rows nudged while it waits are waited for next), and
 * (for a row that commits after a newer one, or a wait it could not make) looks on a timer after 5 ms and again
 * after 10, 20 ... 160 ms while commits may still come; while rows remain it keeps draining without waiting. The poll ({@code paygate.outbox.poll-interval}) is only the fallback for rows
 * written by other replicas, after a crash, or due again after a back-off.
 *
 * <p>Order per key: only the oldest unsent row of a key (topic + message key) can be claimed, so a row waiting in
 * back-off (or leased by another replica) holds back its key's later rows, on one replica and across several.
 *
 * <p>Safe on several replicas, claimed like every job's rows ({@link RowClaim}): candidates from a plain read, locked
 * by primary key with {@code FOR UPDATE SKIP LOCKED} and leased by pushing {@code next_attempt_at} forward, so a replica that dies
 * mid-batch only delays its rows until the lease ends. A crash between the broker's ack and the "sent" update
 * re-publishes the row: consumers dedupe by event id. Failed rows back off exponentially, so a Kafka outage delays
 * events but loses none.
 */
@ApplicationScoped
@IfBuildProperty(name = "paygate.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final long MAX_BACKOFF_SECONDS = 300;

    private final Emitter<String> emitter;
    private final int batchSize;
    private final Duration lease;
    private final Duration retention;
    private final Counter published;
    private final Counter failed;
    private final Timer publishing;
    private final Vertx vertx;
    private final PlainSql reads;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean timerPending = new AtomicBoolean();
    private final AtomicLong newestUncommitted = new AtomicLong();
    private final AtomicBoolean awaitingCommit = new AtomicBoolean();
    private volatile long lastNudgeNanos;
    private volatile long followUpMs = FIRST_FOLLOW_UP_MS;

    private static final long FIRST_FOLLOW_UP_MS = 5;
    /** Past the database's own bound on the wait ({@code WAIT 1}). */
    private static final Duration COMMIT_WAIT_GIVE_UP = Duration.ofSeconds(3);
    private static final long LAST_FOLLOW_UP_MS = 160;

    @Inject
    public OutboxRelay(@Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024) Emitter<String> emitter,
            EventingConfig config, MeterRegistry registry, Vertx vertx, OutboxSignal signal, PlainSql reads) {
        this.emitter = emitter;
        this.reads = reads;
        this.batchSize = config.outbox().batchSize();
        this.lease = config.outbox().lease();
        this.retention = config.outbox().retention();
        this.published = registry.counter("outbox.published");
        this.failed = registry.counter("outbox.publish.failures");
        // From handing a row to the Kafka producer to the broker's ack (acks=all): the relay's share of the lag.
        this.publishing = registry.timer("outbox.publish");
        this.vertx = vertx;
        signal.listen(this::nudge);
    }

    // Delayed: the emitter's channel is wired only once messaging has started.
    @Scheduled(identity = "outbox-relay", every = "${paygate.outbox.poll-interval:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> relayDue() {
        return drain();
    }

    /**
     * Row {@code rowId} was just inserted in this process, its transaction not yet committed. One wait at a time
     * waits for a commit (a share lock on the row waits for the writer's, up to a second) and drains right then; rows
     * nudged while it waits are waited for next, so each is looked for at its own commit, not on the follow-up timer.
     */
    void nudge(long rowId) {
        lastNudgeNanos = System.nanoTime();
        followUpMs = FIRST_FOLLOW_UP_MS;
        newestUncommitted.accumulateAndGet(rowId, Math::max);
        if (awaitingCommit.compareAndSet(false, true)) {
            onFreshContext(this::awaitCommits);
        } else {
            // The wait in flight may be a long transaction's (up to a second): look on the timer meanwhile too.
            later(FIRST_FOLLOW_UP_MS);
        }
    }

    /**
     * Waits for the newest nudged row's commit, drains, and goes on while rows were nudged meanwhile. Waiting for the
     * newest covers the others nudged with it in the usual case; one that commits after it is found by the drain's
     * follow-up looks.
     */
    private Uni<Void> awaitCommits() {
        long rowId = newestUncommitted.getAndSet(0);
        if (rowId == 0) {
            awaitingCommit.set(false);
            // A nudge between the read and the reset saw the flag still set: its row is waited for here.
            if (newestUncommitted.get() != 0 && awaitingCommit.compareAndSet(false, true)) {
                onFreshContext(this::awaitCommits);
            }
            return Uni.createFrom().voidItem();
        }
        // The next round is a subscription of its own: a chain that grew while nudges kept coming would grow without end.
        return Uni.createFrom().deferred(() -> afterCommitOf(rowId))
                .chain(this::drain)
                .onTermination().invoke(() -> onFreshContext(this::awaitCommits));
    }

    /**
     * Completes once the row's writer has committed or rolled back (or after a second, or at once where the database
     * cannot wait on a lock for a bounded time: MySQL has no {@code WAIT n}; the follow-up looks cover that case).
     */
    private Uni<Void> afterCommitOf(long rowId) {
        return reads.query("SELECT id FROM outbox_event WHERE id = ?1 LOCK IN SHARE MODE WAIT 1", rowId)
                .ifNoItem().after(COMMIT_WAIT_GIVE_UP).recoverWithUni(() -> Uni.createFrom().nullItem()) // never holds the next ones
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void later(long delayMs) {
        if (timerPending.compareAndSet(false, true)) {
            vertx.setTimer(Math.max(1, delayMs), id -> {
                timerPending.set(false);
                onFreshContext(this::drain);
            });
        }
    }

    /**
     * Runs on a new duplicated context of its own, as the scheduler gives each run. Never the writer's: a timer or
     * callback fires on the context that set it, and sharing it would share the writer's Hibernate Reactive session
     * (its dirty entities would be flushed by the relay's transaction).
     */
    private void onFreshContext(java.util.function.Supplier<Uni<Void>> work) {
        Context current = Vertx.currentContext();
        Context fresh = VertxContext.createNewDuplicatedContext(current != null ? current : vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(fresh, true);
        fresh.runOnContext(ignored -> work.get().subscribe().with(done -> { }, e -> { }));
    }

    /** Passes until no due row is left; one drain at a time in this process. */
    private Uni<Void> drain() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        Context context = Vertx.currentContext();
        return pass(context)
                // A pass that never ends (a database call lost in a restart) would stop this relay for good: it is
                // given up after the lease, when its rows may be claimed again anyway.
                .ifNoItem().after(lease).failWith(() -> new IllegalStateException("pass still running after " + lease))
                .onFailure().invoke(e -> LOG.warnf("Outbox relay pass failed, will retry: %s", e.toString()))
                .onFailure().recoverWithItem(0)
                .eventually(() -> running.set(false))
                .invoke(found -> {
                    if (found > 0) {
                        // More may have committed meanwhile (or the batch was full): go on without waiting.
                        later(0);
                    } else if (System.nanoTime() - lastNudgeNanos < TimeUnit.MILLISECONDS.toNanos(2 * LAST_FOLLOW_UP_MS)) {
                        long delay = followUpMs;
                        followUpMs = Math.min(LAST_FOLLOW_UP_MS, followUpMs * 2);
                        later(delay);
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Integer> pass(Context context) {
        return claimDue().chain(rows -> rows.isEmpty() ? Uni.createFrom().item(0)
                : publishAndRecord(rows, context).replaceWith(rows.size()));
    }

    @Scheduled(identity = "outbox-cleanup", every = "1h", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> deleteOldSent() {
        return Panache.withTransaction(() -> OutboxEvent.delete("sentAt < ?1", Instant.now().minus(retention)))
                .replaceWithVoid();
    }

    /**
     * Claims due rows for this replica: each key's oldest unsent row only, found by a plain read (which sees rows
     * other replicas hold, so their keys stay held back), then locked by id, skipping locked ones, and leased.
     */
    Uni<List<OutboxEvent>> claimDue() {
        Instant now = Instant.now();
        return RowClaim.of("outbox_event", OutboxEvent.class)
                .candidates("sent_at IS NULL AND next_attempt_at <= ?1 AND NOT EXISTS (SELECT 1 FROM outbox_event earlier"
                        + " WHERE earlier.topic = outbox_event.topic AND earlier.msg_key = outbox_event.msg_key"
                        + " AND earlier.sent_at IS NULL AND earlier.id < outbox_event.id)", now)
                .stillQualifies("sent_at IS NULL AND next_attempt_at <= ?1", now)
                .orderBy("id").limit(batchSize)
                // One statement for the whole batch (not one dirty-checked UPDATE per row): the relay's hottest write.
                .lease("next_attempt_at = ?1", now.plus(lease))
                .claim();
    }

    private Uni<Void> publishAndRecord(List<OutboxEvent> rows, Context context) {
        // Sent in id order without waiting in between: the idempotent producer keeps that order per partition.
        List<Uni<Throwable>> outcomes = new ArrayList<>(rows.size());
        for (OutboxEvent row : rows) {
            outcomes.add(send(row).onItem().transform(ok -> (Throwable) null).onFailure().recoverWithItem(e -> e));
        }
        return Uni.join().all(outcomes).andFailFast()
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .chain(results -> record(rows, results));
    }

    private Uni<Void> send(OutboxEvent row) {
        long started = System.nanoTime();
        return Uni.createFrom().<Void>emitter(result -> {
            OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                    .withTopic(row.topic)
                    .withKey(row.key)
                    .withHeaders(new RecordHeaders()
                            .add("eventId", row.eventId.getBytes(StandardCharsets.UTF_8))
                            .add("eventType", row.type.getBytes(StandardCharsets.UTF_8)))
                    .build();
            // Published in the trace that wrote the row (SmallRye's Kafka tracing writes its traceparent header).
            io.opentelemetry.context.Context trace = Traces.contextOf(row.traceParent);
            Metadata metadata = row.traceParent == null ? Metadata.of(kafka) : Metadata.of(kafka, TracingMetadata.with(trace, trace));
            Message<String> message = Message.of(row.payload, metadata,
                    () -> {
                        publishing.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                        result.complete(null);
                        return DONE;
                    },
                    error -> {
                        result.fail(error);
                        return DONE;
                    });
            try {
                emitter.send(message);
            } catch (RuntimeException e) {
                result.fail(e);
            }
        }).ifNoItem().after(lease.dividedBy(2)).fail();
    }

    private Uni<Void> record(List<OutboxEvent> rows, List<Throwable> results) {
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (results.get(i) == null) {
                sent.add(rows.get(i).id);
            }
        }
        published.increment(sent.size());
        failed.increment(rows.size() - sent.size());
        // Statements run one after another: a reactive session allows no concurrent operations.
        return Panache.withTransaction(() -> {
            Instant now = Instant.now();
            Uni<?> updates = sent.isEmpty() ? Uni.createFrom().voidItem()
                    : OutboxEvent.update("sentAt = ?1 where id in ?2", now, sent);
            for (int i = 0; i < rows.size(); i++) {
                OutboxEvent row = rows.get(i);
                Throwable error = results.get(i);
                if (error != null) {
                    updates = updates.chain(() -> scheduleRetry(row, error, now));
                }
            }
            return updates;
        }).replaceWithVoid();
    }

    private static Uni<Integer> scheduleRetry(OutboxEvent row, Throwable error, Instant now) {
        int attempts = row.attempts + 1;
        Instant next = now.plusSeconds(Math.min(MAX_BACKOFF_SECONDS, 1L << Math.min(attempts, 20)));
        LOG.warnf("Outbox event %s (%s) not published, attempt %d, next at %s: %s",
                row.eventId, row.type, attempts, next, error.toString());
        return OutboxEvent.update("attempts = ?1, nextAttemptAt = ?2, lastError = ?3 where id = ?4",
                attempts, next, truncate(error.toString()), row.id);
    }

    private static String truncate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500);
    }
}
