package com.paygate.eventing.deferral;

import io.smallrye.mutiny.Uni;

/**
 * How a consumer applies one of its parked events again: the same path as a delivery, in a transaction of its own,
 * which either applies it and {@link DeferredEvents#release releases} it, or {@link DeferredEvents#defer defers} it
 * again. One bean per consumer that defers.
 */
public interface DeferredEventHandler {

    /** The consumer name the events were parked under (its inbox name). */
    String consumer();

    Uni<Void> reapply(String payload);
}
