package com.paygate.eventing.transition;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

/**
 * A state machine as data: which trigger moves an entity from which state to which. Anything not listed is illegal.
 * Each machine declares its table once, in its domain package, one {@code allow} line per move (Kill Bill's
 * PaymentStates.xml is the model), and {@link TransitionEngine} is the only code that reads it.
 *
 * <p>Two kinds of machine use it. An order is moved by triggers ({@code PAY}, {@code CANCEL}, ...). A payment or a
 * refund is moved by what the provider states, so there the trigger is the state reported: build those with
 * {@link #reported}, where every state also "moves" to itself (a report of the state we are in changes nothing).
 */
public final class TransitionTable<S extends Enum<S>, T extends Enum<T>> {

    private final String machine;
    private final Map<S, Map<T, S>> moves;

    private TransitionTable(String machine, Map<S, Map<T, S>> moves) {
        this.machine = machine;
        this.moves = moves;
    }

    /** A machine moved by triggers of type {@code T}; {@code machine} names it in logs, metrics and errors. */
    public static <S extends Enum<S>, T extends Enum<T>> Builder<S, T> of(String machine, Class<S> states, Class<T> triggers) {
        return new Builder<>(machine, states, triggers);
    }

    /** A machine moved by reported states: the trigger is the state the provider (or we) report. */
    public static <S extends Enum<S>> ReportedBuilder<S> reported(String machine, Class<S> states) {
        return new ReportedBuilder<>(of(machine, states, states), states);
    }

    public String machine() {
        return machine;
    }

    /** The state {@code trigger} leads to from {@code from}, if that move is allowed. */
    public Optional<S> target(S from, T trigger) {
        return Optional.ofNullable(moves.getOrDefault(from, Map.of()).get(trigger));
    }

    public boolean allows(S from, T trigger) {
        return target(from, trigger).isPresent();
    }

    /** The state {@code trigger} leads to; throws {@link IllegalTransitionException} if it is not allowed. */
    public S next(String key, S from, T trigger) {
        return target(from, trigger).orElseThrow(() -> new IllegalTransitionException(machine, key, from, trigger));
    }

    /** The allowed moves out of {@code from} (read-only), for documentation and tests. */
    public Map<T, S> movesFrom(S from) {
        return Collections.unmodifiableMap(moves.getOrDefault(from, Map.of()));
    }

    public static final class Builder<S extends Enum<S>, T extends Enum<T>> {
        private final String machine;
        private final Class<T> triggers;
        private final Map<S, Map<T, S>> moves;

        private Builder(String machine, Class<S> states, Class<T> triggers) {
            this.machine = machine;
            this.triggers = triggers;
            this.moves = new EnumMap<>(states);
        }

        public Builder<S, T> allow(S from, T trigger, S to) {
            S before = moves.computeIfAbsent(from, f -> new EnumMap<>(triggers)).put(trigger, to);
            if (before != null && before != to) {
                throw new IllegalStateException(machine + ": " + from + " --" + trigger + " listed twice");
            }
            return this;
        }

        public TransitionTable<S, T> build() {
            return new TransitionTable<>(machine, moves);
        }
    }

    public static final class ReportedBuilder<S extends Enum<S>> {
        private final Builder<S, S> table;
        private final Class<S> states;

        private ReportedBuilder(Builder<S, S> table, Class<S> states) {
            this.table = table;
            this.states = states;
        }

        /** {@code from} may become each of {@code to}; none of them for a final state. */
        @SafeVarargs
        public final ReportedBuilder<S> allow(S from, S... to) {
            for (S target : to) {
                table.allow(from, target, target);
            }
            return this;
        }

        public TransitionTable<S, S> build() {
            for (S s : EnumSet.allOf(states)) {
                table.allow(s, s, s);
            }
            return table.build();
        }
    }
}
