package com.paygate.eventing.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.MDC;

/**
 * One payment, one trace, across the outbox and Kafka: the two links the frameworks cannot make for us. An outbox
 * row keeps the trace it was written in (a W3C traceparent) and the relay publishes it as a child of that trace,
 * not of its own poll (SmallRye's Kafka tracing then puts the traceparent in the record's headers). A consumer
 * continues the trace of the record it reads, so what it writes (the next outbox row) and logs (traceId in the
 * MDC) stay in that trace. HTTP in and out is traced by Quarkus itself.
 */
@ApplicationScoped
public class Traces {

    static final String TRACEPARENT = "traceparent";
    /** MDC keys (Quarkus keeps the MDC per Vert.x context, so they follow the work, not the thread). */
    public static final String ORDER_SN = "orderSn";
    public static final String PAY_SN = "paySn";

    private static final TextMapGetter<String> STORED = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private static final TextMapGetter<Headers> KAFKA = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            return () -> java.util.stream.StreamSupport.stream(carrier.spliterator(), false).map(Header::key).iterator();
        }

        @Override
        public String get(Headers carrier, String key) {
            Header header = carrier == null ? null : carrier.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final Tracer tracer;

    public Traces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The current span as a W3C traceparent; null outside a trace. */
    public static String currentTraceParent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /** The trace a stored traceparent names, as a parent context; the root context for none or an unreadable one. */
    public static Context contextOf(String traceParent) {
        return traceParent == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), traceParent, STORED);
    }

    /**
     * Runs {@code work} in a consumer span continuing the trace of a record's headers, current on the record's
     * Vert.x context (where its retries run too) until the work ends.
     */
    public <T> Uni<T> continued(String name, Headers headers, Supplier<Uni<T>> work) {
        return continued(name, headers, null, work);
    }

    /** The same, with the order the record is about in the MDC ({@code orderSn}: JSON log lines carry it). */
    public <T> Uni<T> continued(String name, Headers headers, String orderSn, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, KAFKA);
            Span span = tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.CONSUMER).startSpan();
            Scope scope = span.makeCurrent();
            if (orderSn != null) {
                MDC.put(ORDER_SN, orderSn);
            }
            return work.get().onTermination().invoke(() -> {
                MDC.remove(ORDER_SN);
                scope.close();
                span.end();
            });
        });
    }
}
