package com.paygate.notifier.service;

import java.time.Duration;

/** Exponential backoff: initial, 2x, 4x, ... capped at max. */
final class Backoff {

    private Backoff() {
    }

    /** Wait after failed attempt number {@code attempt} (1 = the first send). */
    static Duration after(int attempt, Duration initial, Duration max) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 || delay.isNegative() ? max : delay;
    }
}
