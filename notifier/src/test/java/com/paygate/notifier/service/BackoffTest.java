package com.paygate.notifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesPerAttemptUpToTheCap() {
        Duration initial = Duration.ofSeconds(30);
        Duration max = Duration.ofMinutes(5);
        assertEquals(Duration.ofSeconds(30), Backoff.after(1, initial, max));
        assertEquals(Duration.ofSeconds(60), Backoff.after(2, initial, max));
        assertEquals(Duration.ofSeconds(120), Backoff.after(3, initial, max));
        assertEquals(Duration.ofSeconds(240), Backoff.after(4, initial, max));
        assertEquals(max, Backoff.after(5, initial, max));
        assertEquals(max, Backoff.after(1000, initial, max));
    }
}
