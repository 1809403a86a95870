package com.paygate.payment.job;

import com.paygate.payment.recon.Reconciliations;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Reconciliation on any number of replicas: every payment.reconciliation.poll-every, queue yesterday's runs once it
 * is time (INSERT IGNORE: once per provider and date, whoever comes first), run the due ones this replica wins (a
 * lease each), forget what is past its retention.
 */
@ApplicationScoped
public class ReconJobs {

    private final Reconciliations reconciliations;

    public ReconJobs(Reconciliations reconciliations) {
        this.reconciliations = reconciliations;
    }

    @Scheduled(identity = "reconciliation", every = "${payment.reconciliation.poll-every:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        Instant now = Instant.now();
        return reconciliations.queueDaily(now)
                .chain(reconciliations::runDue)
                .chain(() -> reconciliations.prune(now));
    }
}
