package com.paygate.notifier.channel.wechat;

import com.paygate.notifier.config.NotifierConfig;
import com.paygate.notifier.support.Redaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The mini-program's access token, fetched with {@code /cgi-bin/stable_token} and cached until shortly before it
 * expires. Concurrent callers share one in-flight fetch (a memoized Uni), so a burst of sends costs one token
 * call, not a stampede against WeChat's daily token quota.
 *
 * <p>Tokens are per replica. The stable-token endpoint hands every replica the same token without invalidating
 * the others' (unlike the classic {@code /cgi-bin/token}), which is why it is used here.
 */
@ApplicationScoped
public class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class);

    private final WechatApi api;
    private final NotifierConfig.Wechat config;
    private volatile Cached current;
    private Uni<Cached> inFlight;

    public AccessTokens(@RestClient WechatApi api, NotifierConfig config) {
        this.api = api;
        this.config = config.wechat();
    }

    /** A token believed valid: the cached one, or a fresh one. */
    public Uni<String> get() {
        Cached cached = current;
        if (cached != null && Instant.now().isBefore(cached.refreshAt())) {
            return Uni.createFrom().item(cached.token());
        }
        return fetch(null);
    }

    /**
     * WeChat refused {@code rejected} (40001/42001/40014): forget it unless another caller already replaced it,
     * and answer a token that is not the rejected one.
     */
    public Uni<String> replace(String rejected) {
        synchronized (this) {
            if (current != null && current.token().equals(rejected)) {
                current = null;
            }
        }
        return get().chain(token -> token.equals(rejected) ? fetch(rejected) : Uni.createFrom().item(token));
    }

    private synchronized Uni<String> fetch(String rejected) {
        if (inFlight == null) {
            inFlight = request(false)
                    // The stable token survives on WeChat's side until it expires; if WeChat still hands out the
                    // one it just refused, only a forced refresh gets a new one.
                    .chain(t -> rejected != null && t.token().equals(rejected) ? request(true) : Uni.createFrom().item(t))
                    .invoke(t -> current = t)
                    .eventually(this::fetchDone)
                    .memoize().indefinitely();
        }
        return inFlight.map(Cached::token);
    }

    private synchronized void fetchDone() {
        inFlight = null;
    }

    private Uni<Cached> request(boolean forceRefresh) {
        var body = new WechatModels.StableTokenRequest("client_credential", config.appId(), config.appSecret(), forceRefresh);
        return api.stableToken(body).map(response -> {
            if (response.accessToken() == null || response.accessToken().isBlank()) {
                throw new TokenUnavailableException("WeChat refused the token request: errcode " + response.errcode()
                        + " " + Redaction.mask(response.errmsg()));
            }
            long expiresIn = response.expiresIn() == null ? 7200 : response.expiresIn();
            Duration margin = config.tokenRefreshMargin();
            // A short-lived token (tests, unusual answers) is refreshed at half its life rather than never used.
            Duration lifetime = Duration.ofSeconds(expiresIn);
            Duration usable = lifetime.compareTo(margin.multipliedBy(2)) > 0 ? lifetime.minus(margin) : lifetime.dividedBy(2);
            LOG.infof("Fetched a WeChat access token for appid %s (forceRefresh=%s), valid for %ds", config.appId(),
                    forceRefresh, expiresIn);
            return new Cached(response.accessToken(), Instant.now().plus(usable));
        });
    }

    private record Cached(String token, Instant refreshAt) {

        @Override
        public String toString() {
            return "Cached[refreshAt=" + refreshAt + "]";
        }
    }

    /** The token endpoint answered an errcode (wrong appid/secret, quota): transient from the sender's view. */
    public static final class TokenUnavailableException extends RuntimeException {

        TokenUnavailableException(String message) {
            super(message);
        }
    }
}
