package com.paygate.payment.webhook;

import com.paygate.payment.app.Hmac;
import com.paygate.payment.config.AppsConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Sends one webhook: POST of the event's JSON with {@code Paygate-Signature: t=<unix>,v1=<hex>} (Stripe's scheme:
 * HMAC-SHA256 of {@code t + "." + body}, one v1 per active secret during a rotation). The timestamp lets the receiver
 * refuse an old delivery sent again; the event id in the body lets it drop a repeat. An answer is awaited at most
 * payment.apps.webhooks.timeout; only a 2xx counts as delivered.
 */
@ApplicationScoped
public class WebhookSender {

    public static final String SIGNATURE_HEADER = "Paygate-Signature";

    /** What came of one try: the status (null when no answer came) and, when it failed, why, in a few words. */
    public record Result(Integer status, long latencyMs, String error) {
        public boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    public WebhookSender(Vertx vertx, AppsConfig config) {
        this.timeout = config.webhooks().timeout();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setMaxPoolSize(50)
                .setKeepAlive(true));
    }

    /** The header value for {@code body} signed at {@code unixSeconds} with each of {@code secrets}. */
    public static String signature(String body, List<String> secrets, long unixSeconds) {
        String signed = unixSeconds + "." + body;
        return "t=" + unixSeconds + secrets.stream().map(s -> ",v1=" + HexFormat.of().formatHex(Hmac.sha256(s, signed)))
                .collect(Collectors.joining());
    }

    public Uni<Result> send(String url, String eventId, String body, List<String> secrets) {
        long started = System.nanoTime();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setIdleTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "paygate-webhooks/1")
                .putHeader("Paygate-Event-Id", eventId)
                .putHeader(SIGNATURE_HEADER, signature(body, secrets, System.currentTimeMillis() / 1000));
        return http.request(request)
                .chain(req -> req.send(body))
                // Read (and drop) the body so the connection goes back to the pool.
                .chain(resp -> resp.body().map(ignored -> resp.statusCode()))
                .ifNoItem().after(timeout).fail()
                .map(status -> new Result(status, millisSince(started), status >= 200 && status < 300 ? null : "HTTP " + status))
                .onFailure().recoverWithItem(f -> new Result(null, millisSince(started), describe(f)));
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String describe(Throwable f) {
        String what = f instanceof io.smallrye.mutiny.TimeoutException ? "no answer within the timeout"
                : f.getClass().getSimpleName() + (f.getMessage() == null ? "" : ": " + f.getMessage());
        return what.length() > 255 ? what.substring(0, 255) : what;
    }
}
