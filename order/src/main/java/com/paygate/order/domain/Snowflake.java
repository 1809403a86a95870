package com.paygate.order.domain;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Snowflake ids: 41 bits of milliseconds since {@link #EPOCH}, 10 bits of worker id, 12 bits of sequence.
 * Unique across replicas as long as each replica has its own worker id; increasing within a replica.
 *
 * <p>The clock may step backwards (NTP). A small step is waited out; a large one is not (that would stall
 * requests): the generator keeps counting on from the last timestamp it used, borrowing the next millisecond
 * when the sequence runs out, so an id is never reused. Thread-safe: {@link #nextId} is synchronized, which
 * costs nanoseconds next to the database insert each id is for.
 */
public final class Snowflake {

    /** 2024-01-01T00:00:00Z: 41 bits of milliseconds from here last until 2093. */
    public static final long EPOCH = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    public static final int WORKER_BITS = 10;
    public static final int SEQUENCE_BITS = 12;
    public static final long MAX_WORKER_ID = (1L << WORKER_BITS) - 1;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    private static final long MAX_TIMESTAMP = (1L << 41) - 1;

    private final long workerId;
    private final LongSupplier clock;
    private final long maxBackwardWaitMillis;

    private long lastTimestamp = -1;
    private long sequence;

    /**
     * @param workerId 0..1023, distinct per replica
     * @param clock milliseconds since the Unix epoch ({@code System::currentTimeMillis} in production)
     * @param maxBackwardWaitMillis a backward step up to this long is waited out (busy wait: keep it to a few ms)
     */
    public Snowflake(long workerId, LongSupplier clock, long maxBackwardWaitMillis) {
        if (workerId < 0 || workerId > MAX_WORKER_ID) {
            throw new IllegalArgumentException("worker id must be 0.." + MAX_WORKER_ID + ", was " + workerId);
        }
        if (maxBackwardWaitMillis < 0) {
            throw new IllegalArgumentException("maxBackwardWaitMillis must not be negative");
        }
        this.workerId = workerId;
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.maxBackwardWaitMillis = maxBackwardWaitMillis;
    }

    public synchronized long nextId() {
        long now = clock.getAsLong();
        if (now < lastTimestamp && lastTimestamp - now <= maxBackwardWaitMillis) {
            now = awaitClock(lastTimestamp);
        }
        long timestamp;
        if (now > lastTimestamp) {
            timestamp = now;
            sequence = 0;
        } else {
            // Same millisecond, or the clock is far behind: continue from the last timestamp used.
            timestamp = lastTimestamp;
            sequence = (sequence + 1) & SEQUENCE_MASK;
            if (sequence == 0) {
                // 4096 ids in this millisecond: move to the next one. Wait for it if the clock is current
                // (at most a millisecond); borrow it if the clock is far behind, rather than stall.
                timestamp = now >= lastTimestamp ? awaitClock(lastTimestamp + 1) : lastTimestamp + 1;
            }
        }
        lastTimestamp = timestamp;
        long elapsed = timestamp - EPOCH;
        if (elapsed < 0 || elapsed > MAX_TIMESTAMP) {
            throw new IllegalStateException("clock outside the snowflake range: " + timestamp);
        }
        return (elapsed << (WORKER_BITS + SEQUENCE_BITS)) | (workerId << SEQUENCE_BITS) | sequence;
    }

    /** The Unix millisecond an id was generated at (borrowed milliseconds included). */
    public static long timestampOf(long id) {
        return (id >>> (WORKER_BITS + SEQUENCE_BITS)) + EPOCH;
    }

    public static long workerIdOf(long id) {
        return (id >>> SEQUENCE_BITS) & MAX_WORKER_ID;
    }

    public static long sequenceOf(long id) {
        return id & SEQUENCE_MASK;
    }

    private long awaitClock(long target) {
        long now = clock.getAsLong();
        while (now < target) {
            Thread.onSpinWait();
            now = clock.getAsLong();
        }
        return now;
    }
}
