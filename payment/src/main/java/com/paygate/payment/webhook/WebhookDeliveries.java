package com.paygate.payment.webhook;

import com.paygate.common.error.ApiException;
import com.paygate.eventing.claim.RowClaim;
import com.paygate.payment.app.App;
import com.paygate.payment.app.AppSecrets;
import com.paygate.payment.config.AppsConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Delivering webhooks and their log. A due delivery is claimed with a lease ({@link RowClaim}, so one replica tries
 * it), sent without any transaction open, and its outcome recorded with the try: 2xx DELIVERED; otherwise retried
 * after the next of payment.apps.webhooks.retry-delays, FAILED when they run out. An endpoint that has not answered
 * 2xx for payment.apps.webhooks.disable-after is disabled (its deliveries wait until an admin enables it again).
 */
@ApplicationScoped
public class WebhookDeliveries {

    private static final Logger LOG = Logger.getLogger(WebhookDeliveries.class);

    /** What one try came to, for the job's metrics and alerts. */
    public enum Outcome {
        DELIVERED, RETRYING, FAILED, SKIPPED
    }

    /** A delivery with its tries, oldest first. */
    public record Logged(WebhookDelivery delivery, List<WebhookAttempt> attempts) {
    }

    private final WebhookSender sender;
    private final AppSecrets secrets;
    private final AppsConfig.Webhooks config;

    public WebhookDeliveries(WebhookSender sender, AppSecrets secrets, AppsConfig config) {
        this.sender = sender;
        this.secrets = secrets;
        this.config = config.webhooks();
    }

    /** Due deliveries of apps with a working endpoint, leased long enough for one try. */
    public Uni<List<WebhookDelivery>> claimDue(Instant now) {
        Duration lease = config.timeout().multipliedBy(2).plusSeconds(10);
        return RowClaim.of("webhook_delivery", WebhookDelivery.class)
                .candidates("state = 'PENDING' AND next_attempt_at <= ?1 AND app_id IN"
                        + " (SELECT app_id FROM app WHERE webhook_enabled AND webhook_url IS NOT NULL)", now)
                .stillQualifies("state = 'PENDING' AND next_attempt_at <= ?1", now)
                .orderBy("next_attempt_at, id").limit(config.batchSize())
                .lease("next_attempt_at = ?1", now.plus(lease))
                .claim();
    }

    /** A delivery that was tried, what came of it, and whether that try got its endpoint disabled. */
    public record Tried(WebhookDelivery delivery, Outcome outcome, boolean endpointDisabled) {
    }

    /**
     * One try of each claimed delivery, recorded. The endpoints are called in parallel, with no session open (a
     * session is not for concurrent use); reading the targets before and recording the results after go one by one.
     */
    public Uni<List<Tried>> attempt(List<WebhookDelivery> claimed) {
        Instant now = Instant.now();
        List<String> appIds = claimed.stream().map(d -> d.appId).distinct().toList();
        return Panache.withSession(() -> Multi.createFrom().iterable(appIds)
                        .onItem().transformToUniAndConcatenate(appId -> App.<App>findById(appId)
                                .chain(app -> app == null || app.webhookUrl == null || !app.webhookEnabled
                                        ? Uni.createFrom().<Target>nullItem()
                                        : secrets.active(app.appId, now).map(active -> new Target(app.appId, app.webhookUrl, active))
                                                // One app whose secret cannot be opened (a wrong secret key) holds
                                                // back its own deliveries only, never the other apps'.
                                                .onFailure().recoverWithItem(f -> {
                                                    LOG.errorf("Webhooks of app %s held back: %s", app.appId, f.getMessage());
                                                    return null;
                                                })))
                        .collect().asList())
                .map(targets -> targets.stream().collect(Collectors.toMap(Target::appId, t -> t)))
                .chain(targets -> Multi.createFrom().iterable(claimed)
                        .onItem().transformToUniAndMerge(d -> {
                            Target target = targets.get(d.appId);
                            return target == null ? Uni.createFrom().item(new Sent(d, null))
                                    : sender.send(target.url(), d.eventId, d.payload, target.secrets()).map(result -> new Sent(d, result));
                        })
                        .collect().asList())
                .chain(sent -> Multi.createFrom().iterable(sent)
                        .onItem().transformToUniAndConcatenate(s -> s.result() == null
                                ? Uni.createFrom().item(new Tried(s.delivery(), Outcome.SKIPPED, false))
                                : record(s.delivery(), s.result()))
                        .collect().asList());
    }

    /** Where an app's webhooks go and what signs them. */
    private record Target(String appId, String url, List<String> secrets) {
    }

    private record Sent(WebhookDelivery delivery, WebhookSender.Result result) {
    }

    /**
     * Records one try and what follows from it, if the delivery is still this claim's (PENDING, with the lease this
     * claim set): a try that outlived its lease, or that a resend overtook, is logged but decides nothing.
     */
    private Uni<Tried> record(WebhookDelivery claimed, WebhookSender.Result result) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> WebhookDelivery.<WebhookDelivery>findById(claimed.id).chain(d -> {
            WebhookAttempt attempt = new WebhookAttempt();
            attempt.eventId = d.eventId;
            attempt.attempt = d.attempts + 1;
            attempt.at = now;
            attempt.status = result.status();
            attempt.latencyMs = result.latencyMs();
            attempt.error = result.error();
            if (d.state != WebhookDelivery.State.PENDING || !d.nextAttemptAt.equals(claimed.nextAttemptAt)) {
                return attempt.persist().replaceWith(new Tried(d, Outcome.SKIPPED, false));
            }
            d.attempts++;
            d.lastStatus = result.status();
            d.lastError = result.error();
            if (result.delivered()) {
                d.state = WebhookDelivery.State.DELIVERED;
                d.deliveredAt = now;
                return attempt.persist()
                        .chain(() -> App.update("webhookFailingSince = null where appId = ?1 and webhookFailingSince is not null", d.appId))
                        .replaceWith(new Tried(d, Outcome.DELIVERED, false));
            }
            List<Duration> delays = config.retryDelays();
            Outcome outcome;
            if (d.attempts > delays.size()) {
                d.state = WebhookDelivery.State.FAILED;
                outcome = Outcome.FAILED;
                LOG.warnf("Webhook %s (%s) to app %s failed %d times: given up (%s)", d.eventId, d.type, d.appId, d.attempts, result.error());
            } else {
                d.nextAttemptAt = now.plus(delays.get(d.attempts - 1));
                outcome = Outcome.RETRYING;
                LOG.infof("Webhook %s (%s) to app %s failed (%s); try %d at %s", d.eventId, d.type, d.appId, result.error(),
                        d.attempts + 1, d.nextAttemptAt);
            }
            // The endpoint has been failing since its first failure after the last success, unless it was quiet for
            // twice the longest retry wait (a retry runs late by the job's period; a longer silence means nothing was
            // being retried, so the count starts again).
            Instant quietSince = now.minus(longestDelay().multipliedBy(2));
            return attempt.persist()
                    .chain(() -> App.update("webhookFailingSince = case when webhookFailingSince is null or webhookLastFailureAt < ?3"
                            + " then ?2 else webhookFailingSince end, webhookLastFailureAt = ?2 where appId = ?1", d.appId, now, quietSince))
                    .chain(() -> App.update("webhookEnabled = false, updatedAt = ?2 where appId = ?1 and webhookEnabled = true"
                            + " and webhookFailingSince < ?3", d.appId, now, now.minus(config.disableAfter())))
                    .map(disabled -> new Tried(d, outcome, disabled == 1));
        }));
    }

    private Duration longestDelay() {
        return config.retryDelays().stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** The app's deliveries, newest first, each with its tries. */
    public Uni<List<Logged>> of(String appId, int limit) {
        return Panache.withSession(() -> WebhookDelivery.<WebhookDelivery>find("appId = ?1 order by id desc", appId)
                .page(0, limit).list()
                .chain(deliveries -> deliveries.isEmpty() ? Uni.createFrom().item(List.<Logged>of())
                        : WebhookAttempt.<WebhookAttempt>list("eventId in ?1 order by id",
                                deliveries.stream().map(d -> d.eventId).toList())
                                .map(attempts -> {
                                    Map<String, List<WebhookAttempt>> byEvent = attempts.stream()
                                            .collect(Collectors.groupingBy(a -> a.eventId));
                                    return deliveries.stream().map(d -> new Logged(d, byEvent.getOrDefault(d.eventId, List.of()))).toList();
                                })));
    }

    /** Sends the app's event again now, whatever became of it (a DELIVERED one too); 404 for another app's. */
    public Uni<Logged> resend(String appId, String eventId) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> WebhookDelivery.update("state = ?1, nextAttemptAt = ?2 where eventId = ?3 and appId = ?4",
                        WebhookDelivery.State.PENDING, now, eventId, appId)
                .chain(rows -> {
                    if (rows == 0) {
                        throw ApiException.notFound("WEBHOOK_DELIVERY_NOT_FOUND", "no webhook event " + eventId + " of this app");
                    }
                    return WebhookDelivery.<WebhookDelivery>find("eventId", eventId).<WebhookDelivery>firstResult();
                })
                .chain(d -> WebhookAttempt.<WebhookAttempt>list("eventId = ?1 order by id", eventId).map(a -> new Logged(d, a))));
    }
}
