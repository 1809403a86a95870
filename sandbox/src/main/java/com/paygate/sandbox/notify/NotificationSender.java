package com.paygate.sandbox.notify;

import com.paygate.sandbox.config.SandboxConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Posts notifications without blocking and re-sends them on the provider's schedule until the merchant
 * acknowledges; waits are Vert.x timers, so thousands of pending retries cost no threads.
 */
@ApplicationScoped
public class NotificationSender {

    private static final Logger LOG = Logger.getLogger(NotificationSender.class);
    private static final long ANSWER_TIMEOUT_MS = 5_000;
    private static final int MAX_LOGGED_BODY = 2_000;

    private final Vertx vertx;
    private final WebClient client;
    private final DeliveryLog log;
    private final double retryScale;

    public NotificationSender(Vertx vertx, DeliveryLog log, SandboxConfig config) {
        this.vertx = vertx;
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) ANSWER_TIMEOUT_MS)
                .setUserAgent("Mozilla/4.0 (compatible; paygate sandbox notifier)"));
        this.log = log;
        this.retryScale = config.notifyRetryScale();
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * Sends until acknowledged or the schedule runs out; {@code firstHeaders} sign the first attempt, later ones
     * are signed afresh. {@code afterFirst} runs once the first attempt is answered.
     */
    public void deliver(Notification notification, ProviderProtocol protocol, Map<String, String> firstHeaders,
            Runnable afterFirst) {
        attempt(notification, protocol, 1, "notification", firstHeaders, accepted -> afterFirst.run());
    }

    /** One attempt only, with the given headers (identical copies share them). */
    public void sendOnce(Notification notification, ProviderProtocol protocol, String kind, Map<String, String> headers) {
        post(notification, headers).subscribe().with(
                response -> record(notification, 1, kind, response.statusCode(), response.bodyAsString()),
                failure -> record(notification, 1, kind, 0, String.valueOf(failure.getMessage())));
    }

    private void attempt(Notification notification, ProviderProtocol protocol, int attempt, String kind,
            Map<String, String> headers, Consumer<Boolean> onFirstAnswer) {
        post(notification, headers).subscribe().with(response -> {
            String body = response.bodyAsString();
            record(notification, attempt, kind, response.statusCode(), body);
            boolean ok = protocol.accepted(response.statusCode(), body == null ? "" : body);
            finish(notification, protocol, attempt, kind, ok, onFirstAnswer);
        }, failure -> {
            record(notification, attempt, kind, 0, String.valueOf(failure.getMessage()));
            finish(notification, protocol, attempt, kind, false, onFirstAnswer);
        });
    }

    private void finish(Notification notification, ProviderProtocol protocol, int attempt, String kind, boolean accepted,
            Consumer<Boolean> onFirstAnswer) {
        if (attempt == 1 && onFirstAnswer != null) {
            onFirstAnswer.accept(accepted);
        }
        if (accepted) {
            return;
        }
        List<Duration> schedule = protocol.retrySchedule();
        if (attempt > schedule.size()) {
            LOG.infof("Giving up notifying %s for %s after %d attempts", notification.url(), notification.outTradeNo(), attempt);
            return;
        }
        long delayMs = Math.max(1, Math.round(schedule.get(attempt - 1).toMillis() * retryScale));
        vertx.setTimer(delayMs, id -> attempt(notification, protocol, attempt + 1, kind, protocol.headers(notification), null));
    }

    private io.smallrye.mutiny.Uni<HttpResponse<Buffer>> post(Notification notification, Map<String, String> headers) {
        var request = client.requestAbs(HttpMethod.POST, notification.url()).timeout(ANSWER_TIMEOUT_MS)
                .putHeader("Content-Type", notification.contentType());
        headers.forEach(request::putHeader);
        return request.sendBuffer(Buffer.buffer(notification.body()));
    }

    private void record(Notification notification, int attempt, String kind, int status, String body) {
        String shown = body == null ? "" : body.length() > MAX_LOGGED_BODY ? body.substring(0, MAX_LOGGED_BODY) : body;
        log.record(notification.outTradeNo(), new DeliveryAttempt(attempt, OffsetDateTime.now().toString(), status, shown, kind,
                notification.id(), notification.body()));
    }
}
