package com.paygate.order.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class SnowflakeTest {

    private static final long T0 = Snowflake.EPOCH + 1_000_000;

    @Test
    void idsCarryTimestampWorkerAndSequence() {
        Snowflake ids = new Snowflake(777, () -> T0, 5);
        long first = ids.nextId();
        long second = ids.nextId();
        assertEquals(T0, Snowflake.timestampOf(first));
        assertEquals(777, Snowflake.workerIdOf(first));
        assertEquals(0, Snowflake.sequenceOf(first));
        assertEquals(1, Snowflake.sequenceOf(second));
        assertTrue(second > first);
    }

    @Test
    void workerIdOutsideTenBitsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Snowflake(-1, System::currentTimeMillis, 5));
        assertThrows(IllegalArgumentException.class, () -> new Snowflake(1024, System::currentTimeMillis, 5));
        new Snowflake(1023, System::currentTimeMillis, 5).nextId();
    }

    @Test
    void differentWorkersNeverCollideInTheSameMillisecond() {
        Snowflake a = new Snowflake(1, () -> T0, 5);
        Snowflake b = new Snowflake(2, () -> T0, 5);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            assertTrue(seen.add(a.nextId()));
            assertTrue(seen.add(b.nextId()));
        }
    }

    @Test
    void manyThreadsGetUniqueIncreasingIdsPerThread() throws Exception {
        Snowflake ids = new Snowflake(3, System::currentTimeMillis, 5);
        int threads = 16;
        int perThread = 20_000;
        Set<Long> all = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    long previous = -1;
                    for (int i = 0; i < perThread; i++) {
                        long id = ids.nextId();
                        if (id <= previous || !all.add(id)) {
                            return false;
                        }
                        previous = id;
                    }
                    return true;
                }));
            }
            start.countDown();
            for (Future<Boolean> result : results) {
                assertTrue(result.get(60, TimeUnit.SECONDS), "a duplicate or a non-increasing id was handed out");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * perThread, all.size());
    }

    @Test
    void exhaustedSequenceWaitsForTheNextMillisecond() {
        // The clock stays on T0 for 5000 reads, then moves on: 4096 ids fit in T0, the rest must be in T0+1.
        long[] reads = {0};
        Snowflake ids = new Snowflake(0, () -> reads[0]++ < 5000 ? T0 : T0 + 1, 5);
        Set<Long> seen = new HashSet<>();
        long previous = -1;
        for (int i = 0; i < 4100; i++) {
            long id = ids.nextId();
            assertTrue(seen.add(id));
            assertTrue(id > previous);
            previous = id;
        }
        assertEquals(T0 + 1, Snowflake.timestampOf(previous));
    }

    @Test
    void smallBackwardStepIsWaitedOut() {
        // T0, then the clock jumps back 3 ms and recovers: the generator must not issue ids below T0.
        LongSupplier clock = scripted(T0, T0 - 3, T0 - 2, T0 - 1, T0, T0 + 1);
        Snowflake ids = new Snowflake(0, clock, 5);
        long first = ids.nextId();
        long second = ids.nextId();
        assertTrue(second > first);
        assertTrue(Snowflake.timestampOf(second) >= T0);
    }

    @Test
    void largeBackwardStepContinuesFromTheLastTimestampWithoutDuplicates() {
        // One id at T0, then the clock is an hour behind for good. No waiting (that would stall for an hour), and
        // no id below or equal to an earlier one, even past the 4096 ids one millisecond holds.
        long hour = 3_600_000;
        long[] reads = {0};
        Snowflake ids = new Snowflake(5, () -> reads[0]++ == 0 ? T0 : T0 - hour, 5);
        Set<Long> seen = new HashSet<>();
        long previous = ids.nextId();
        seen.add(previous);
        for (int i = 0; i < 10_000; i++) {
            long id = ids.nextId();
            assertTrue(id > previous, "ids must keep increasing while the clock is behind");
            assertTrue(seen.add(id));
            previous = id;
        }
        assertTrue(Snowflake.timestampOf(previous) >= T0, "never goes back to the stepped-back clock");
        assertTrue(Snowflake.timestampOf(previous) <= T0 + 3, "borrows only the milliseconds it needs");
    }

    /** Returns the given values in turn, then keeps returning the last one. */
    private static LongSupplier scripted(long... values) {
        Deque<Long> queue = new ArrayDeque<>();
        for (long v : values) {
            queue.add(v);
        }
        return () -> queue.size() > 1 ? queue.poll() : queue.peek();
    }
}
