package com.paygate.payment.app;

import com.paygate.common.error.ApiException;
import com.paygate.payment.config.AppsConfig;
import com.paygate.payment.domain.Channel;
import com.paygate.payment.domain.Payment;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Managing business lines (the admin API): create an app (its first secret is shown once, then only stored sealed),
 * change it, rotate its secret with an overlap during which both work. Webhook URLs are what an admin registers
 * here, absolute http(s) URLs without credentials; no request can send a webhook anywhere else.
 */
@ApplicationScoped
public class AppAdmin {

    private static final Logger LOG = Logger.getLogger(AppAdmin.class);
    private static final Pattern APP_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,31}");

    private final SecretSealer sealer;
    private final AppsConfig config;

    public AppAdmin(SecretSealer sealer, AppsConfig config) {
        this.sealer = sealer;
        this.config = config;
    }

    /** What an admin may set; null fields are left as they are on update. {@code testMode} only at creation. */
    public record Settings(String name, String webhookUrl, Set<Channel> channels, String wechatApp, Boolean enabled,
            Boolean webhookEnabled, Boolean testMode) {
    }

    /** An app with the secret just issued (shown once). */
    public record Issued(App app, long secretId, String secret) {
    }

    public Uni<Issued> create(String appId, Settings settings) {
        if (appId == null || !APP_ID.matcher(appId).matches() || Payment.BUILT_IN_APP.equals(appId)) {
            throw ApiException.badRequest("APP_ID_INVALID", "appId must be 2 to 32 characters a-z 0-9 - (starting with a"
                    + " letter or digit), and not '" + Payment.BUILT_IN_APP + "'");
        }
        if (settings.name() == null || settings.name().isBlank() || settings.channels() == null || settings.channels().isEmpty()) {
            throw ApiException.badRequest("APP_INVALID", "an app needs a name and at least one channel");
        }
        Instant now = Instant.now();
        return Panache.withTransaction(() -> App.<App>findById(appId).chain(existing -> {
            if (existing != null) {
                throw ApiException.conflict("APP_EXISTS", "app " + appId + " exists");
            }
            App app = new App();
            app.appId = appId;
            app.enabled = true;
            app.webhookEnabled = true;
            app.createdAt = now;
            app.testMode = Boolean.TRUE.equals(settings.testMode());
            apply(app, settings, now);
            return app.persist().chain(() -> issue(app, now));
        })).onFailure(AppAdmin::duplicateKey).transform(f -> ApiException.conflict("APP_EXISTS", "app " + appId + " exists"))
                .invoke(issued -> LOG.infof("App %s created", appId));
    }

    public Uni<List<App>> list() {
        return Panache.withSession(() -> App.<App>list("order by appId"));
    }

    public Uni<App> get(String appId) {
        return Panache.withSession(() -> App.<App>findById(appId)).map(AppAdmin::found);
    }

    /** Changes what is given. Enabling the webhook again forgets its failures, so it is not disabled again at once. */
    public Uni<App> update(String appId, Settings settings) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> App.<App>findById(appId).map(AppAdmin::found).invoke(app -> apply(app, settings, now)));
    }

    /**
     * A new secret; the ones active now keep working until {@code overlap} from now (default
     * payment.apps.secret-overlap; zero revokes them at once, for a leaked secret).
     */
    public Uni<Issued> rotate(String appId, Duration overlap) {
        Duration keep = overlap == null ? config.secretOverlap() : overlap;
        if (keep.isNegative()) {
            throw ApiException.badRequest("OVERLAP_INVALID", "the overlap cannot be negative");
        }
        Instant now = Instant.now();
        Instant until = now.plus(keep);
        return Panache.withTransaction(() -> App.<App>findById(appId).map(AppAdmin::found)
                .call(app -> AppSecret.update("expiresAt = ?1 where appId = ?2 and (expiresAt is null or expiresAt > ?1)", until, appId))
                .chain(app -> issue(app, now)))
                .invoke(issued -> LOG.infof("App %s: secret rotated; the previous ones work until %s", appId, until));
    }

    private Uni<Issued> issue(App app, Instant now) {
        String secret = SecretSealer.newSecret();
        AppSecret row = new AppSecret();
        row.appId = app.appId;
        row.sealed = sealer.seal(app.appId, secret);
        row.createdAt = now;
        return row.persist().map(ignored -> new Issued(app, row.id, secret));
    }

    private static void apply(App app, Settings settings, Instant now) {
        if (settings.testMode() != null && settings.testMode() != app.testMode) {
            // Its payments' providers follow the mode: a live app turned test (or back) would strand them.
            throw ApiException.unprocessable("APP_MODE_IMMUTABLE", "testMode is chosen when the app is created;"
                    + " create another app for the other mode");
        }
        if (settings.name() != null) {
            if (settings.name().isBlank() || settings.name().length() > 100) {
                throw ApiException.badRequest("APP_INVALID", "name: 1 to 100 characters");
            }
            app.name = settings.name();
        }
        if (settings.webhookUrl() != null) {
            String url = settings.webhookUrl().isEmpty() ? null : checkedUrl(settings.webhookUrl());
            if (!java.util.Objects.equals(url, app.webhookUrl)) {
                app.webhookFailingSince = null; // a new endpoint has not failed yet
            }
            app.webhookUrl = url;
        }
        if (settings.channels() != null) {
            if (settings.channels().isEmpty() || settings.channels().contains(null)) {
                throw ApiException.badRequest("APP_INVALID", "at least one channel, each a channel name");
            }
            app.channels(settings.channels());
        }
        if (settings.wechatApp() != null) {
            // Checked against payment.wechat.apps when a payment names it (422 PAYER_APP_UNKNOWN): config may come later.
            if (!settings.wechatApp().isEmpty() && !settings.wechatApp().matches("[a-z0-9-]{1,32}")) {
                throw ApiException.badRequest("APP_INVALID", "wechatApp: the name of a payment.wechat.apps entry (a-z 0-9 -)");
            }
            app.wechatApp = settings.wechatApp().isEmpty() ? null : settings.wechatApp();
        }
        if (settings.enabled() != null) {
            app.enabled = settings.enabled();
        }
        if (settings.webhookEnabled() != null) {
            if (settings.webhookEnabled() && !app.webhookEnabled) {
                app.webhookFailingSince = null;
            }
            app.webhookEnabled = settings.webhookEnabled();
        }
        app.updatedAt = now;
    }

    private static String checkedUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("WEBHOOK_URL_INVALID", "webhookUrl is not a URL");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawFragment() != null || url.length() > 512) {
            throw ApiException.badRequest("WEBHOOK_URL_INVALID", "webhookUrl must be an absolute http(s) URL without"
                    + " credentials or fragment, at most 512 characters");
        }
        return url;
    }

    /** Two creates of one appId at once: the second commit meets the primary key. */
    private static boolean duplicateKey(Throwable f) {
        for (Throwable t = f; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    || t.getMessage() != null && t.getMessage().contains("Duplicate entry")) {
                return true;
            }
        }
        return false;
    }

    private static App found(App app) {
        if (app == null) {
            throw ApiException.notFound("APP_NOT_FOUND", "no such app");
        }
        return app;
    }
}
