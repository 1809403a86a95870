package com.paygate.payment.job;

import com.paygate.payment.config.PaymentConfig;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.TransitionSource;
import com.paygate.payment.repository.PaymentRepository;
import com.paygate.payment.service.PaymentCloser;
import com.paygate.payment.service.PaymentStatusService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Janitors, safe on any number of replicas: each run leases its rows through last_queried_at (RowClaim), then
 * talks to the provider outside any transaction.
 */
@ApplicationScoped
public class PaymentJobs {

    private final PaymentRepository payments;
    private final PaymentCloser closer;
    private final PaymentStatusService status;
    private final PaymentConfig config;

    public PaymentJobs(PaymentRepository payments, PaymentCloser closer, PaymentStatusService status, PaymentConfig config) {
        this.payments = payments;
        this.closer = closer;
        this.status = status;
        this.config = config;
    }

    /** Unpaid payments past their expiry: query first (paid -> SUCCESS), else close at the provider and here. */
    @Scheduled(identity = "payment-expiry", every = "${payment.jobs.expire-every:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> closeExpired() {
        Instant now = Instant.now();
        return payments.claimExpired(now, config.jobs().closeLease(), config.jobs().batchSize())
                .chain(batch -> each(batch, p -> closer.close(p, TransitionSource.CLOSE_JOB)));
    }

    /** Payments waiting longer than active-query-after whose notification has not come (expired ones are closeExpired's). */
    @Scheduled(identity = "payment-stuck-query", every = "${payment.jobs.query-every:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> queryStuck() {
        Instant now = Instant.now();
        return payments.claimOverdue(now, config.activeQueryAfter(), config.jobs().batchSize())
                .chain(batch -> each(batch, p -> status.queryAndApply(p, TransitionSource.QUERY)));
    }

    private static Uni<Void> each(List<Payment> batch, Function<Payment, Uni<Void>> action) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(batch).onItem().transformToUniAndConcatenate(p -> action.apply(p)).collect().last().replaceWithVoid();
    }
}
