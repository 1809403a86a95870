package com.paygate.payment.app;

import com.paygate.common.error.ApiException;
import com.paygate.eventing.sql.PlainSql;
import com.paygate.payment.config.AppsConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Stripe's Idempotency-Key rule for an app's POST: the first response (status and body) is kept for
 * payment.apps.idempotency-retention and answered verbatim to any repeat with the same key and the same request; the
 * same key with another request is 409 IDEMPOTENCY_KEY_REUSED, and a repeat while the first still runs 409
 * IDEMPOTENCY_KEY_IN_USE. A request that fails keeps nothing, so it can be retried with its key.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int RUNNING = 0;
    /** A first request still "running" after this died with its process: a repeat takes the key over. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    private static final String TAKE = "INSERT IGNORE INTO app_idempotency (app_id, idem_key, request_hash, status, created_at)"
            + " VALUES (?1, ?2, ?3, 0, ?4)";

    private final AppsConfig config;
    private final PlainSql reads;

    public IdempotencyKeys(AppsConfig config, PlainSql reads) {
        this.reads = reads;
        this.config = config;
    }

    /** A response as kept: the HTTP status and the JSON body. */
    public record Response(int status, String body) {
    }

    /**
     * Runs {@code work} once per (app, key): a repeat gets the kept response instead. Without a key the work just runs.
     */
    public Uni<Response> once(String appId, String key, String request, Supplier<Uni<Response>> work) {
        if (key == null) {
            return Uni.createFrom().deferred(work::get);
        }
        if (!KEY.matcher(key).matches()) {
            return Uni.createFrom().failure(ApiException.badRequest("IDEMPOTENCY_KEY_INVALID",
                    "Idempotency-Key must be 1 to 64 characters A-Z a-z 0-9 _ -"));
        }
        String hash = sha256(request);
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("DELETE FROM app_idempotency WHERE app_id = ?1 AND idem_key = ?2 AND created_at < ?3")
                        .setParameter(1, appId).setParameter(2, key).setParameter(3, now.minus(config.idempotencyRetention()))
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery(TAKE).setParameter(1, appId).setParameter(2, key)
                                .setParameter(3, hash).setParameter(4, now).executeUpdate())))
                .chain(taken -> taken == 1 ? run(appId, key, work) : kept(appId, key, hash, now)
                        .chain(kept -> kept != null ? Uni.createFrom().item(kept) : run(appId, key, work)));
    }

    private Uni<Response> run(String appId, String key, Supplier<Uni<Response>> work) {
        // Deferred: a refusal thrown while building the work (a 422 before any I/O) must also let the key go.
        return Uni.createFrom().deferred(work::get)
                .call(response -> update("UPDATE app_idempotency SET status = ?3, body = ?4 WHERE app_id = ?1 AND idem_key = ?2",
                        appId, key, response.status(), response.body()))
                .onFailure().call(() -> update("DELETE FROM app_idempotency WHERE app_id = ?1 AND idem_key = ?2", appId, key));
    }

    /**
     * The kept response; null when this request took over a key whose first request was abandoned (still running
     * after {@link #ABANDONED_AFTER}: its process died between the work and storing the answer).
     */
    private Uni<Response> kept(String appId, String key, String hash, Instant now) {
        // Read on the pool, not through Hibernate (see eventing's PlainSql): the key's row is committed by now.
        return reads.query("SELECT request_hash, status, body FROM app_idempotency WHERE app_id = ?1 AND idem_key = ?2",
                        appId, key)
                .chain(rows -> {
                    if (rows.size() == 0) {
                        // The first request failed and let its key go between our insert and this read: try again.
                        throw ApiException.conflict("IDEMPOTENCY_KEY_IN_USE", "a request with this Idempotency-Key is running; retry");
                    }
                    Row row = rows.iterator().next();
                    if (!hash.equals(row.getString(0))) {
                        throw ApiException.conflict("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used with another request");
                    }
                    int status = row.getInteger(1);
                    if (status != RUNNING) {
                        return Uni.createFrom().item(new Response(status, row.getString(2)));
                    }
                    return update("UPDATE app_idempotency SET created_at = ?3 WHERE app_id = ?1 AND idem_key = ?2 AND status = 0"
                            + " AND created_at < ?4", appId, key, now, now.minus(ABANDONED_AFTER))
                            .map(taken -> {
                                if (taken != 1) {
                                    throw ApiException.conflict("IDEMPOTENCY_KEY_IN_USE",
                                            "a request with this Idempotency-Key is running; retry");
                                }
                                return (Response) null;
                            });
                });
    }

    private static Uni<Integer> update(String sql, Object... params) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        }));
    }

    private static String sha256(String request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
