package com.paygate.payment.job;

import com.paygate.payment.config.AppsConfig;
import com.paygate.payment.service.PaymentAlerts;
import com.paygate.payment.webhook.WebhookDeliveries;
import com.paygate.payment.webhook.WebhookDelivery;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Delivers the apps' webhooks (every payment.apps.webhooks.poll-every, on any number of replicas: each due delivery
 * is claimed by one) and raises an alert when a delivery gives up or an endpoint is disabled. Also forgets what
 * signed requests no longer need: nonces past their window, Idempotency-Keys past their retention.
 */
@ApplicationScoped
public class WebhookJobs {

    private static final int PRUNE_BATCH = 10_000;

    private final WebhookDeliveries deliveries;
    private final PaymentAlerts alerts;
    private final MeterRegistry metrics;
    private final AppsConfig config;

    public WebhookJobs(WebhookDeliveries deliveries, PaymentAlerts alerts, MeterRegistry metrics, AppsConfig config) {
        this.deliveries = deliveries;
        this.alerts = alerts;
        this.metrics = metrics;
        this.config = config;
    }

    @Scheduled(identity = "webhook-deliveries", every = "${payment.apps.webhooks.poll-every:1s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deliver() {
        return deliveries.claimDue(Instant.now())
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(List.<WebhookDeliveries.Tried>of())
                        : deliveries.attempt(claimed))
                .chain(tried -> Multi.createFrom().iterable(tried)
                        .onItem().transformToUniAndConcatenate(this::followUp)
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> followUp(WebhookDeliveries.Tried t) {
        WebhookDelivery d = t.delivery();
        metrics.counter("payment.webhook.attempts", "outcome", t.outcome().name().toLowerCase()).increment();
        Uni<Void> failed = t.outcome() != WebhookDeliveries.Outcome.FAILED ? Uni.createFrom().voidItem()
                : alerts.raise(null, "WEBHOOK_FAILED", d.eventId, "webhook " + d.type + " " + d.eventId + " to app " + d.appId
                        + " was not accepted after every retry; resend it once the endpoint works");
        return failed.chain(() -> !t.endpointDisabled() ? Uni.createFrom().voidItem()
                : alerts.raise(null, "WEBHOOK_ENDPOINT_DISABLED", d.appId, "the webhook endpoint of app " + d.appId
                        + " failed for too long and was disabled; its events wait until an admin enables it"));
    }

    /** Forgets nonces past their window and Idempotency-Keys past their retention, in bounded deletes until done. */
    @Scheduled(identity = "app-request-pruning", every = "10m", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        Instant now = Instant.now();
        return deleteAll("DELETE FROM app_nonce WHERE expires_at < ?1 LIMIT " + PRUNE_BATCH, now)
                .chain(() -> deleteAll("DELETE FROM app_idempotency WHERE created_at < ?1 LIMIT " + PRUNE_BATCH,
                        now.minus(config.idempotencyRetention())));
    }

    private static Uni<Void> deleteAll(String boundedDelete, Instant before) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(boundedDelete)
                        .setParameter(1, before).executeUpdate()))
                .chain(deleted -> deleted < PRUNE_BATCH ? Uni.createFrom().voidItem() : deleteAll(boundedDelete, before));
    }
}
