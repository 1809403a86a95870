package com.paygate.payment.job;

import com.paygate.payment.config.RefundConfig;
import com.paygate.payment.domain.Refund;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.provider.PaymentProvider;
import com.paygate.payment.provider.ProviderRegistry;
import com.paygate.payment.repository.PaymentRepository;
import com.paygate.payment.repository.RefundRepository;
import com.paygate.payment.service.RefundService;
import com.paygate.payment.service.RefundUpdates;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Settles refunds whose outcome we do not know (notification lost, request timed out): PROCESSING refunds
 * unchanged for payment.refunds.query-after are leased through last_queried_at (RowClaim: safe on any number of
 * replicas) and queried at the provider outside any transaction. A refund the
 * provider never received is sent again under the same number (idempotent there).
 */
@ApplicationScoped
public class RefundJobs {

    private static final Logger LOG = Logger.getLogger(RefundJobs.class);

    private final RefundRepository refunds;
    private final PaymentRepository payments;
    private final ProviderRegistry providers;
    private final RefundUpdates updates;
    private final RefundService service;
    private final RefundConfig config;

    /** Seconds the oldest PROCESSING refund has waited (0: none), as of the last run: what the stuck-refund alert reads. */
    private final AtomicLong oldestProcessingSeconds = new AtomicLong();

    public RefundJobs(RefundRepository refunds, PaymentRepository payments, ProviderRegistry providers,
            RefundUpdates updates, RefundService service, RefundConfig config, MeterRegistry metrics) {
        metrics.gauge("payment.refunds.processing.oldest.seconds", oldestProcessingSeconds);
        this.refunds = refunds;
        this.payments = payments;
        this.providers = providers;
        this.updates = updates;
        this.service = service;
        this.config = config;
    }

    @Scheduled(identity = "refund-stuck-query", every = "${payment.refunds.query-every:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> queryStuck() {
        return refunds.oldestProcessing()
                .invoke(oldest -> oldestProcessingSeconds.set(oldest == null ? 0
                        : Math.max(0, Duration.between(oldest, Instant.now()).toSeconds())))
                .onFailure().recoverWithNull()
                .chain(() -> refunds.claimStuck(Instant.now(), config.queryAfter(), config.batchSize())
                .chain(batch -> batch.isEmpty() ? Uni.createFrom().voidItem()
                        : Multi.createFrom().iterable(batch).onItem().transformToUniAndConcatenate(this::settle)
                                .collect().last().replaceWithVoid()));
    }

    Uni<Void> settle(Refund refund) {
        return Panache.withSession(() -> payments.findByPaySn(refund.paySn)).chain(p -> {
            PaymentProvider provider = providers.byId(p.provider).orElse(null);
            if (provider == null) {
                return Uni.createFrom().voidItem();
            }
            return provider.queryRefund(p, refund.refundSn).chain(status -> {
                if (status.notFound()) {
                    LOG.infof("Refund %s never reached %s: sending it again", refund.refundSn, p.provider);
                    return service.submit(refund).replaceWithVoid();
                }
                return updates.apply(status, provider.id(), TransitionSource.QUERY).replaceWithVoid();
            });
        }).onFailure().recoverWithUni(f -> {
            LOG.warnf("Query of refund %s failed, will retry: %s", refund.refundSn, f.getMessage());
            return Uni.createFrom().voidItem();
        });
    }
}
