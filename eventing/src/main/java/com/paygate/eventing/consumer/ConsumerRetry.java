package com.paygate.eventing.consumer;

import com.paygate.eventing.EventingConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one rule every consumer follows: a valid event is applied, however long its database is unavailable. Each
 * attempt is a fresh transaction on the record's own Vert.x context (Hibernate Reactive needs it; the back-off
 * timer fires elsewhere); failures back off exponentially up to {@code paygate.consumer.retry.max-backoff} and are
 * retried without limit, holding the partition, so nothing behind it overtakes it. Only a {@link
 * PoisonEventException} fails the record (the channel's dead-letter strategy takes it, with the reason). The
 * connector must not time the record out meanwhile: {@code throttled.unprocessed-record-max-age.ms=0}.
 */
@ApplicationScoped
public class ConsumerRetry {

    private static final Logger LOG = Logger.getLogger(ConsumerRetry.class);

    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final MeterRegistry metrics;

    public ConsumerRetry(EventingConfig config, MeterRegistry metrics) {
        this.firstBackoff = config.consumer().retry().firstBackoff();
        this.maxBackoff = config.consumer().retry().maxBackoff();
        this.metrics = metrics;
    }

    /** Runs {@code attempt} until it succeeds or fails with a poison record; {@code consumer} names the metric tag. */
    public <T> Uni<T> untilApplied(String consumer, String what, Supplier<Uni<T>> attempt) {
        // Until applied, retries and back-off included: what a record costs its partition.
        Timer.Sample processing = Timer.start(metrics);
        Context context = Vertx.currentContext();
        Uni<Void> onContext = context == null ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().emitOn(task -> context.runOnContext(ignored -> task.run()));
        return onContext.chain(() -> attempt.get())
                .onFailure(f -> !(f instanceof PoisonEventException)).invoke(f -> {
                    metrics.counter("consumer.retries", "consumer", consumer).increment();
                    LOG.warnf("%s: %s failed, retrying: %s", consumer, what, f.toString());
                })
                .onFailure(f -> !(f instanceof PoisonEventException)).retry()
                .withBackOff(firstBackoff, maxBackoff).indefinitely()
                .invoke(() -> processing.stop(metrics.timer("consumer.processing", "consumer", consumer)))
                .onFailure(PoisonEventException.class).invoke(f -> {
                    metrics.counter("consumer.dead_letters", "consumer", consumer).increment();
                    LOG.errorf("%s: %s is poison, sent to the dead-letter topic: %s", consumer, what, f.getMessage());
                });
    }

    /**
     * A record that can never be applied (unreadable, incomplete): fails it for the dead-letter topic, counted in
     * {@code consumer.dead_letters} like a poison found during an attempt, so operators see every dead letter.
     */
    public <T> Uni<T> poison(String consumer, String reason) {
        metrics.counter("consumer.dead_letters", "consumer", consumer).increment();
        LOG.errorf("%s: a record is poison, sent to the dead-letter topic: %s", consumer, reason);
        return Uni.createFrom().failure(new PoisonEventException(reason));
    }
}
