package com.paygate.eventing.transition;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The one way an entity changes state, for every machine (payment, refund, order). Call it inside the transaction
 * that holds the entity (row-locked or versioned): the {@link TransitionTable} guards the move, the entity takes
 * the new state and the caller's field changes, then, in this order and in the same transaction, the entity may be
 * written ({@code write}, e.g. a flush so a lost version race fails here), the audit row is stored and the
 * change's effects run (its outbox event). A move the table forbids changes nothing, is logged and counted.
 *
 * <p>Each service builds one engine per machine with {@link #builder} and keeps only what is its own: the table,
 * how its audit row is stored and which event a move announces.
 *
 * @param <E> the entity
 * @param <S> its state enum
 * @param <T> its trigger enum (the state enum itself for machines moved by reported states)
 */
public final class TransitionEngine<E, S extends Enum<S>, T extends Enum<T>> {

    private static final Logger LOG = Logger.getLogger(TransitionEngine.class);

    private final TransitionTable<S, T> table;
    private final Function<E, String> key;
    private final Function<E, S> state;
    private final BiConsumer<E, Transition<S, T>> enter;
    private final Function<E, Uni<?>> write;
    private final Function<Transition<S, T>, Uni<?>> audit;
    private final BiFunction<E, Transition<S, T>, Uni<?>> effects;
    private final MeterRegistry metrics;
    private final String meter;

    private TransitionEngine(Builder<E, S, T> b) {
        this.table = b.table;
        this.key = Objects.requireNonNull(b.key, "key");
        this.state = Objects.requireNonNull(b.state, "state");
        this.enter = Objects.requireNonNull(b.enter, "enter");
        this.audit = Objects.requireNonNull(b.audit, "audit");
        this.write = b.write;
        this.effects = b.effects;
        this.metrics = b.metrics;
        this.meter = b.meter != null ? b.meter : table.machine() + ".transitions";
    }

    public static <E, S extends Enum<S>, T extends Enum<T>> Builder<E, S, T> builder(TransitionTable<S, T> table) {
        return new Builder<>(table);
    }

    /**
     * Moves {@code entity} by {@code trigger} if the table allows it.
     *
     * @param changes further field changes that belong to this move (amounts, ids, flags); run only when it applies,
     *                before the entity takes the new state, with the move (its {@code at} is the time to record)
     */
    public Uni<TransitionOutcome> apply(E entity, T trigger, String source, String reason,
            BiConsumer<E, Transition<S, T>> changes) {
        S from = state.apply(entity);
        S to = table.target(from, trigger).orElse(null);
        if (to == null) {
            reject(entity, from, trigger, source);
            return Uni.createFrom().item(TransitionOutcome.ILLEGAL);
        }
        if (to == from) {
            return Uni.createFrom().item(TransitionOutcome.UNCHANGED);
        }
        // Millisecond precision: what DATETIME(3) stores, so the row and the entity read back the same instant.
        Transition<S, T> t = new Transition<>(key.apply(entity), from, to, trigger, source, reason,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        changes.accept(entity, t);
        enter.accept(entity, t);
        metrics.counter(meter, "to", to.name(), "source", source).increment();
        return write.apply(entity)
                .chain(() -> audit.apply(t))
                .invoke(() -> LOG.infof("%s %s: %s --%s--> %s (%s%s)", table.machine(), t.key(), from, trigger, to,
                        source, reason == null ? "" : ", " + reason))
                .chain(() -> effects.apply(entity, t))
                .replaceWith(TransitionOutcome.APPLIED);
    }

    /** As {@link #apply}, but a move the table forbids fails with {@link IllegalTransitionException}. */
    public Uni<E> applyOrFail(E entity, T trigger, String source, String reason, BiConsumer<E, Transition<S, T>> changes) {
        return apply(entity, trigger, source, reason, changes).chain(outcome -> outcome == TransitionOutcome.ILLEGAL
                ? Uni.createFrom().failure(new IllegalTransitionException(table.machine(), key.apply(entity),
                        state.apply(entity), trigger))
                : Uni.createFrom().item(entity));
    }

    private void reject(E entity, S from, T trigger, String source) {
        LOG.warnf("Illegal %s transition rejected: %s is %s, %s is not allowed there (source %s)", table.machine(),
                key.apply(entity), from, trigger, source);
        metrics.counter(meter + ".rejected", "from", from.name(), "trigger", trigger.name()).increment();
    }

    public static final class Builder<E, S extends Enum<S>, T extends Enum<T>> {
        private final TransitionTable<S, T> table;
        private Function<E, String> key;
        private Function<E, S> state;
        private BiConsumer<E, Transition<S, T>> enter;
        private Function<E, Uni<?>> write = e -> Uni.createFrom().voidItem();
        private Function<Transition<S, T>, Uni<?>> audit;
        private BiFunction<E, Transition<S, T>, Uni<?>> effects = (e, t) -> Uni.createFrom().voidItem();
        private MeterRegistry metrics;
        private String meter;

        private Builder(TransitionTable<S, T> table) {
            this.table = Objects.requireNonNull(table);
        }

        /** How to read the entity's business key and state. */
        public Builder<E, S, T> entity(Function<E, String> key, Function<E, S> state) {
            this.key = key;
            this.state = state;
            return this;
        }

        /** Sets the new state (and e.g. updatedAt = t.at()) on the entity. */
        public Builder<E, S, T> enter(BiConsumer<E, Transition<S, T>> enter) {
            this.enter = enter;
            return this;
        }

        /** Writes the entity now (optional; otherwise it is written at commit). */
        public Builder<E, S, T> write(Function<E, Uni<?>> write) {
            this.write = write;
            return this;
        }

        /** Stores the audit row. */
        public Builder<E, S, T> audit(Function<Transition<S, T>, Uni<?>> audit) {
            this.audit = audit;
            return this;
        }

        /** What else an applied move does in the same transaction (its outbox event); optional. */
        public Builder<E, S, T> effects(BiFunction<E, Transition<S, T>, Uni<?>> effects) {
            this.effects = effects;
            return this;
        }

        /** Counters {@code <meter>} (to, source) and {@code <meter>.rejected} (from, trigger); default {@code <machine>.transitions}. */
        public Builder<E, S, T> metrics(MeterRegistry metrics, String meter) {
            this.metrics = metrics;
            this.meter = meter;
            return this;
        }

        public TransitionEngine<E, S, T> build() {
            Objects.requireNonNull(metrics, "metrics");
            return new TransitionEngine<>(this);
        }
    }
}
