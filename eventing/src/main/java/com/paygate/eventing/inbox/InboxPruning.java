package com.paygate.eventing.inbox;

import com.paygate.eventing.EventingConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Forgets processed event ids once no redelivery can bring them back: after {@code paygate.inbox.retention}, which
 * must be longer than the retention of every topic consumed (Kafka's default is 7 days; ours is 14 days). Deletes
 * in small batches, each its own transaction, so pruning never holds locks long.
 */
@ApplicationScoped
public class InboxPruning {

    private static final Logger LOG = Logger.getLogger(InboxPruning.class);

    private final Duration retention;
    private final int batchSize;

    public InboxPruning(EventingConfig config) {
        this.retention = config.inbox().retention();
        this.batchSize = config.inbox().pruneBatch();
    }

    @Scheduled(identity = "inbox-prune", every = "${paygate.inbox.prune-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pruneExpired() {
        return prune(Instant.now().minus(retention))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("Inbox: forgot %d event ids processed before %s", deleted, retention);
                    }
                })
                .replaceWithVoid();
    }

    /** Deletes the ids processed before {@code cutoff}; answers how many. */
    public Uni<Long> prune(Instant cutoff) {
        return pruneFrom(cutoff, 0);
    }

    private Uni<Long> pruneFrom(Instant cutoff, long deletedSoFar) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("DELETE FROM processed_event WHERE processed_at < ?1 LIMIT " + batchSize)
                        .setParameter(1, cutoff)
                        .executeUpdate()))
                .chain(deleted -> deleted < batchSize ? Uni.createFrom().item(deletedSoFar + deleted)
                        : pruneFrom(cutoff, deletedSoFar + deleted));
    }
}
