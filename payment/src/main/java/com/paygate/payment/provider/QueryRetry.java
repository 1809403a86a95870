package com.paygate.payment.provider;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How a provider's read-only calls (payment and refund queries, bill requests) are tried: up to three times, 8 s
 * each, 200 ms back-off. They change nothing at the provider, so a retry is always safe. Written out here rather
 * than with fault-tolerance annotations because the providers are built once per mode (live, test) by producers,
 * and interceptors only wrap container-made beans.
 */
public final class QueryRetry {

    static final Duration PER_TRY = Duration.ofSeconds(8);

    private QueryRetry() {
    }

    public static <T> Uni<T> of(String what, Supplier<Uni<? extends T>> call) {
        // Back-off and timeout fire on Mutiny's own threads: the answer is handed back on the caller's Vert.x
        // context, which Hibernate Reactive steps after it need.
        Context caller = Vertx.currentContext();
        Uni<T> tried = Uni.createFrom().<T>deferred(call)
                .ifNoItem().after(PER_TRY).failWith(() -> ProviderException.unavailable(what + ": no answer within " + PER_TRY))
                .onFailure(ProviderException.class).retry().withBackOff(Duration.ofMillis(200)).atMost(2);
        return caller == null ? tried : tried.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }
}
