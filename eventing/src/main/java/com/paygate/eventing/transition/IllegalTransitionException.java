package com.paygate.eventing.transition;

/**
 * A move the transition table does not allow; nothing was changed. A domain fact, not an HTTP answer: the service
 * that exposes the machine maps it to its API (order answers 409 ILLEGAL_STATE_TRANSITION).
 */
public class IllegalTransitionException extends RuntimeException {

    private final Enum<?> from;
    private final Enum<?> trigger;

    public IllegalTransitionException(String machine, String key, Enum<?> from, Enum<?> trigger) {
        super(capitalized(machine) + " " + key + " is " + from + "; " + trigger + " is not allowed in that state",
                null, false, false);
        this.from = from;
        this.trigger = trigger;
    }

    public Enum<?> from() {
        return from;
    }

    public Enum<?> trigger() {
        return trigger;
    }

    private static String capitalized(String machine) {
        return machine.isEmpty() ? machine : Character.toUpperCase(machine.charAt(0)) + machine.substring(1);
    }
}
