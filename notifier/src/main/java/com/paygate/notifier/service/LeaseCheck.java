package com.paygate.notifier.service;

import com.paygate.notifier.config.NotifierConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses to start with a claim lease shorter than one attempt: the retry job would never start an attempt, and
 * a first attempt could still be running when another replica takes the row over (a double send).
 */
@ApplicationScoped
class LeaseCheck {

    void onStart(@Observes StartupEvent event, NotifierConfig config) {
        if (config.retry().lease().compareTo(DeliveryService.ATTEMPT_TIMEOUT.multipliedBy(2)) < 0) {
            throw new IllegalStateException("notifier.retry.lease must be at least "
                    + DeliveryService.ATTEMPT_TIMEOUT.multipliedBy(2) + " (twice the longest attempt)");
        }
    }
}
