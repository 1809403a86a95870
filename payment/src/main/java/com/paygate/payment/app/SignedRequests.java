package com.paygate.payment.app;

import com.paygate.common.error.ApiException;
import com.paygate.payment.config.AppsConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Who sent a server-to-server request: the app whose secret signed it. The signature is base64 HMAC-SHA256 of
 * {@code METHOD\nPATH?QUERY\ntimestamp\nnonce\nbody\n} (WeChat Pay v3's message, with a shared secret), the timestamp
 * within payment.apps.signature-window of our clock, and the nonce never seen before inside that window: a
 * captured request sent again is refused, as is one whose method, path, query or body changed. Every refusal is 401
 * with the same few codes, logged without the signature or the secret.
 */
@ApplicationScoped
public class SignedRequests {

    private static final Logger LOG = Logger.getLogger(SignedRequests.class);
    private static final String DOES_NOT_VERIFY = "the signature does not verify";
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern APP_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,31}");
    private static final String REMEMBER_NONCE = "INSERT IGNORE INTO app_nonce (app_id, nonce, expires_at) VALUES (?1, ?2, ?3)";

    private final AppSecrets secrets;
    private final AppsConfig config;

    public SignedRequests(AppSecrets secrets, AppsConfig config) {
        this.secrets = secrets;
        this.config = config;
    }

    /** The request as signed: the headers, the method, the raw path with its raw query, the body exactly as received. */
    public record Signed(String appId, String timestamp, String nonce, String signature, String method,
            String pathAndQuery, String body) {
    }

    /** The app that signed {@code request}, or a 401 ApiException (in the Uni). */
    public Uni<App> verify(Signed request) {
        if (blank(request.appId()) || blank(request.timestamp()) || blank(request.nonce()) || blank(request.signature())) {
            return refuse(new ApiException(401, "SIGNATURE_MISSING",
                    "Paygate-App-Id, Paygate-Timestamp, Paygate-Nonce and Paygate-Signature are required"), request);
        }
        if (!APP_ID.matcher(request.appId()).matches() || !NONCE.matcher(request.nonce()).matches()) {
            return refuse(new ApiException(401, "SIGNATURE_INVALID", DOES_NOT_VERIFY), request);
        }
        Instant now = Instant.now();
        long timestamp;
        try {
            timestamp = Long.parseLong(request.timestamp());
        } catch (NumberFormatException e) {
            return refuse(new ApiException(401, "TIMESTAMP_OUT_OF_WINDOW", "Paygate-Timestamp must be unix seconds"), request);
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > config.signatureWindow().toSeconds()) {
            return refuse(new ApiException(401, "TIMESTAMP_OUT_OF_WINDOW", "Paygate-Timestamp is more than "
                    + config.signatureWindow().toMinutes() + " minutes from the server's clock"), request);
        }
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(request.signature());
        } catch (IllegalArgumentException e) {
            return refuse(new ApiException(401, "SIGNATURE_INVALID", DOES_NOT_VERIFY), request);
        }
        String message = request.method() + "\n" + request.pathAndQuery() + "\n" + request.timestamp() + "\n"
                + request.nonce() + "\n" + request.body() + "\n";
        return Panache.withSession(() -> App.<App>findById(request.appId()).chain(app -> {
            if (app == null || !app.enabled) {
                return refuse(new ApiException(401, "SIGNATURE_INVALID", DOES_NOT_VERIFY), request);
            }
            return secrets.active(app.appId, now).chain(active -> {
                if (!signedByOneOf(active, message, claimed)) {
                    return refuse(new ApiException(401, "SIGNATURE_INVALID", DOES_NOT_VERIFY), request);
                }
                return rememberNonce(app.appId, request.nonce(), now).chain(fresh -> fresh ? Uni.createFrom().item(app)
                        : refuse(new ApiException(401, "REQUEST_REPLAYED", "this Paygate-Nonce was used already"), request));
            });
        }));
    }

    private static boolean signedByOneOf(List<String> active, String message, byte[] claimed) {
        boolean verified = false;
        for (String secret : active) {
            // Every active secret is tried (no early exit): the time taken does not tell which one matched.
            if (Hmac.same(Hmac.sha256(secret, message), claimed)) {
                verified = true;
            }
        }
        return verified;
    }

    /** True the first time; the row outlives the window on both sides, so any replay inside it is seen. */
    private Uni<Boolean> rememberNonce(String appId, String nonce, Instant now) {
        Instant keepUntil = now.plus(config.signatureWindow().multipliedBy(2));
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(REMEMBER_NONCE)
                .setParameter(1, appId).setParameter(2, nonce).setParameter(3, keepUntil)
                .executeUpdate().map(rows -> rows == 1)));
    }

    private static <T> Uni<T> refuse(ApiException refusal, Signed request) {
        LOG.warnf("Signed request refused (%s): app %s, %s %s", refusal.code(), clip(request.appId()), request.method(),
                clip(request.pathAndQuery()));
        return Uni.createFrom().failure(refusal);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String clip(String value) {
        return value == null ? "-" : value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }
}
