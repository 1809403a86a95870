package com.paygate.eventing.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

/**
 * A consumer's work runs in the trace of the record it reads, across an asynchronous hop on its Vert.x context (as a
 * retry's back-off is), with the order in the MDC; and what it writes into the outbox names that same trace.
 */
@QuarkusTest
class TracesTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Inject
    Traces traces;

    @Test
    void aConsumerContinuesTheRecordsTraceUntilItsWorkEnds() throws Throwable {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", ("00-" + TRACE_ID + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
        AtomicReference<String> traceAfterHop = new AtomicReference<>();
        AtomicReference<String> orderAfterHop = new AtomicReference<>();
        AtomicReference<String> storedTraceParent = new AtomicReference<>();

        VertxContextSupport.subscribeAndAwait(() -> traces.continued("test consume", headers, "O-42", () -> {
            Context record = Vertx.currentContext();
            return Uni.createFrom().voidItem()
                    // off the record's context and back onto it, as ConsumerRetry's back-off timer goes
                    .onItem().delayIt().by(Duration.ofMillis(20))
                    .emitOn(task -> record.runOnContext(ignored -> task.run()))
                    .invoke(() -> {
                        traceAfterHop.set(Span.current().getSpanContext().getTraceId());
                        orderAfterHop.set((String) MDC.get(Traces.ORDER_SN));
                        storedTraceParent.set(Traces.currentTraceParent());
                    });
        }));

        assertEquals(TRACE_ID, traceAfterHop.get(), "the work ran in the record's trace");
        assertEquals("O-42", orderAfterHop.get());
        assertTrue(storedTraceParent.get().startsWith("00-" + TRACE_ID + "-"), storedTraceParent.get());
        assertNotEquals("00f067aa0ba902b7", storedTraceParent.get().substring(36, 52), "a span of its own, child of the record's");
        // The stored form reads back as the same trace, which is what the relay publishes under.
        assertEquals(TRACE_ID, Span.fromContext(Traces.contextOf(storedTraceParent.get())).getSpanContext().getTraceId());
    }

    @Test
    void aRecordWithoutTraceStartsOneAndOutsideAnyTraceNothingIsStored() throws Throwable {
        AtomicReference<String> trace = new AtomicReference<>();
        VertxContextSupport.subscribeAndAwait(() -> traces.continued("test consume", new RecordHeaders(),
                () -> Uni.createFrom().item(() -> {
                    trace.set(Span.current().getSpanContext().getTraceId());
                    return null;
                })));
        assertTrue(trace.get().matches("[0-9a-f]{32}") && !trace.get().matches("0+"), "a new trace: " + trace.get());
        assertNull(Traces.currentTraceParent(), "no span outside the work");
        assertNull(MDC.get(Traces.ORDER_SN));
    }
}
