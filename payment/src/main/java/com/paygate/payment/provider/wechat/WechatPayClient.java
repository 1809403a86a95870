package com.paygate.payment.provider.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.common.crypto.Pem;
import com.paygate.common.crypto.RsaSha256;
import com.paygate.common.crypto.WechatPaySignatures;
import com.paygate.payment.provider.ProviderException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Signed calls to WeChat Pay: signs each request over the exact bytes it sends and verifies the signature of every
 * signed response before anyone acts on it. Failures become {@link ProviderException}s.
 */
public class WechatPayClient {

    private static final Logger LOG = Logger.getLogger(WechatPayClient.class);
    private static final Duration REFRESH_SPACING = Duration.ofSeconds(2);

    private final WechatMerchant merchant;
    private final WechatPlatformKeys keys;
    private final ObjectMapper json;
    private final WechatPayApi api;
    private final Counter refreshFailures;
    private Uni<Void> pendingRefresh;
    private long lastRefreshStartedMs;

    public WechatPayClient(WechatMerchant merchant, WechatPlatformKeys keys, ObjectMapper json, MeterRegistry metrics) {
        this.refreshFailures = metrics.counter("payment.wechat.certificate_refresh.failures", "provider", merchant.providerId());
        this.merchant = merchant;
        this.keys = keys;
        this.json = json;
        URI base = URI.create(merchant.config().baseUrl());
        this.api = merchant.enabled() ? QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(10, TimeUnit.SECONDS)
                // Error statuses are answers to read (code, message), not exceptions.
                .property("microprofile.rest.client.disable.default.mapper", true)
                .register(new WechatSigningFilter(merchant))
                .build(WechatPayApi.class) : null;
    }

    /**
     * An answer: status, the body exactly as received, and whether WeChat's signature over it verified. Only a
     * signed answer may end anything (a refusal, "no such order"): an unsigned error page may come from any proxy.
     */
    public record Reply(int status, String body, boolean signed) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Sends one call through {@link #api()} (signed by {@link WechatSigningFilter}) and reads its answer, verified.
     * {@code what} names the call in errors ("query of P...").
     */
    public Uni<Reply> call(String what, Supplier<Uni<Response>> send) {
        return send.get()
                .onFailure(f -> !(f instanceof ProviderException))
                .transform(f -> ProviderException.unavailable("WeChat Pay unreachable: " + f.getClass().getSimpleName(), f))
                .flatMap(response -> read(response, what));
    }

    public WechatPayApi api() {
        return api;
    }

    boolean autoCertificates() {
        return keys.autoCertificates();
    }

    private Uni<Reply> read(Response response, String what) {
        int status = response.getStatus();
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        if (status == 429 || status >= 500) {
            throw ProviderException.unavailable("WeChat Pay " + what + " answered " + status + " " + errorCode(body));
        }
        if (status >= 300 && response.getHeaderString("Wechatpay-Signature") == null) {
            // An unsigned refusal (WeChat signs its own; a proxy's page is not one): the caller decides whether
            // its code is one WeChat uses, and anything else stays unknown.
            return Uni.createFrom().item(new Reply(status, body, false));
        }
        // Every signed answer, refusals included, is verified before anyone acts on it: a forged refusal must not
        // close a refund that WeChat made.
        return verified(response, body).replaceWith(new Reply(status, body, true));
    }

    private Uni<Void> verified(Response response, String body) {
        String serial = response.getHeaderString("Wechatpay-Serial");
        String timestamp = response.getHeaderString("Wechatpay-Timestamp");
        String nonce = response.getHeaderString("Wechatpay-Nonce");
        String signature = response.getHeaderString("Wechatpay-Signature");
        if (serial != null && keys.find(serial).isEmpty() && keys.autoCertificates()) {
            return refreshSoon().invoke(() -> check(serial, timestamp, nonce, signature, body));
        }
        check(serial, timestamp, nonce, signature, body);
        return Uni.createFrom().voidItem();
    }

    private void check(String serial, String timestamp, String nonce, String signature, String body) {
        PublicKey key = keys.find(serial).orElseThrow(
                () -> ProviderException.unverifiable("WeChat Pay response signed with unknown serial " + serial));
        if (timestamp == null || nonce == null
                || !RsaSha256.verify(key, WechatPaySignatures.responseMessage(timestamp, nonce, body), signature)) {
            throw ProviderException.unverifiable("WeChat Pay response signature does not verify");
        }
    }

    /**
     * A refresh for a serial we do not know (a rotation under way, or a forgery): callers while one is pending join
     * it, and refreshes start at most every {@link #REFRESH_SPACING}; a caller within that time waits for the next
     * one instead of being turned away, so a new serial is verified after at most one refresh and forged serials
     * cannot flood WeChat. Failures are logged here; the caller then finds the serial still unknown.
     */
    public Uni<Void> refreshSoon() {
        // The shared refresh completes on whichever thread finished it: each caller resumes on its own context
        // (its request's Vert.x context, which Hibernate Reactive needs afterwards).
        Context caller = Vertx.currentContext();
        Uni<Void> shared = sharedRefresh();
        return caller == null ? shared : shared.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private synchronized Uni<Void> sharedRefresh() {
        if (pendingRefresh != null) {
            return pendingRefresh;
        }
        long waitMs = Math.max(0, lastRefreshStartedMs + REFRESH_SPACING.toMillis() - System.currentTimeMillis());
        Uni<Void> start = waitMs == 0 ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(waitMs));
        AtomicReference<Uni<Void>> self = new AtomicReference<>();
        Uni<Void> refresh = start
                .chain(() -> {
                    synchronized (this) {
                        lastRefreshStartedMs = System.currentTimeMillis();
                    }
                    return Uni.createFrom().deferred(this::refreshCertificates);
                })
                .onFailure().invoke(f -> {
                    refreshFailures.increment();
                    LOG.warnf("%s: WeChat Pay certificate refresh failed: %s", merchant.providerId(), f.getMessage());
                })
                .onFailure().recoverWithNull()
                .onTermination().invoke(() -> {
                    synchronized (this) {
                        // Only this refresh's own slot: a later one may already be pending.
                        if (pendingRefresh == self.get()) {
                            pendingRefresh = null;
                        }
                    }
                })
                .memoize().indefinitely();
        self.set(refresh);
        pendingRefresh = refresh;
        return refresh;
    }

    /**
     * Downloads the platform certificates (certificate mode), decrypts them with the API v3 key and trusts them
     * only if the download itself is signed by one of them. A certificate whose own serial is not the one listed
     * is ignored, as is one already expired; the rest are trusted within their validity dates.
     */
    public Uni<Void> refreshCertificates() {
        return api.certificates()
                .onFailure().transform(f -> ProviderException.unavailable("WeChat Pay certificates unreachable", f))
                .map(response -> {
                    String body = response.hasEntity() ? response.readEntity(String.class) : "";
                    if (response.getStatus() != 200) {
                        throw ProviderException.unavailable("WeChat Pay certificates answered " + response.getStatus());
                    }
                    Map<String, WechatPlatformKeys.Trusted> downloaded = decryptCertificates(body);
                    String serial = response.getHeaderString("Wechatpay-Serial");
                    WechatPlatformKeys.Trusted signer = downloaded.get(serial);
                    String message = WechatPaySignatures.responseMessage(response.getHeaderString("Wechatpay-Timestamp"),
                            response.getHeaderString("Wechatpay-Nonce"), body);
                    if (signer == null || !signer.validAt(Instant.now())
                            || !RsaSha256.verify(signer.key(), message, response.getHeaderString("Wechatpay-Signature"))) {
                        throw ProviderException.unverifiable("WeChat Pay certificate download does not verify");
                    }
                    keys.updateCertificates(downloaded);
                    LOG.infof("%s: WeChat Pay platform certificates refreshed: %s", merchant.providerId(), downloaded.keySet());
                    return null;
                });
    }

    private Map<String, WechatPlatformKeys.Trusted> decryptCertificates(String body) {
        Map<String, WechatPlatformKeys.Trusted> result = new HashMap<>();
        Instant now = Instant.now();
        try {
            for (JsonNode item : json.readTree(body).path("data")) {
                JsonNode enc = item.path("encrypt_certificate");
                String pem = merchant.aead().decrypt(enc.path("associated_data").asText(null),
                        enc.path("nonce").asText(), enc.path("ciphertext").asText());
                X509Certificate certificate = Pem.certificate(pem);
                String listed = item.path("serial_no").asText();
                if (!WechatPlatformKeys.serialMatches(listed, certificate.getSerialNumber())) {
                    LOG.warnf("WeChat Pay certificate listed as %s has serial %s: ignored", listed,
                            certificate.getSerialNumber().toString(16));
                    continue;
                }
                Instant notAfter = certificate.getNotAfter().toInstant();
                if (notAfter.isBefore(now)) {
                    LOG.warnf("WeChat Pay certificate %s expired at %s: ignored", listed, notAfter);
                    continue;
                }
                result.put(listed, new WechatPlatformKeys.Trusted(certificate.getPublicKey(),
                        certificate.getNotBefore().toInstant(), notAfter));
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw ProviderException.unverifiable("WeChat Pay certificates unreadable: " + e.getClass().getSimpleName(), e);
        }
        return result;
    }

    private String errorCode(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node.path("code").asText("") + " " + node.path("message").asText("");
        } catch (Exception e) {
            return "";
        }
    }
}
