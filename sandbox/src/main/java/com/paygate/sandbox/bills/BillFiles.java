package com.paygate.sandbox.bills;

import com.paygate.sandbox.store.Provider;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generated bills behind opaque download tokens, in memory for {@code sandbox.bills.download-ttl}; after that (or
 * after a restart) the link answers as expired and the merchant asks for the bill again, as with the providers.
 */
@ApplicationScoped
public class BillFiles {

    private final Map<String, Kept> byToken = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final BillsConfig config;

    public BillFiles(BillsConfig config) {
        this.config = config;
    }

    /** Keeps the file and answers its token (URL-safe). */
    public String keep(BillFile file) {
        purge();
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byToken.put(token, new Kept(file, Instant.now().plus(config.downloadTtl())));
        return token;
    }

    /** The provider's file behind the token, while it lasts. */
    public Optional<BillFile> find(String token, Provider provider) {
        Kept kept = token == null ? null : byToken.get(token);
        if (kept == null || kept.expired(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(kept.file()).filter(f -> f.provider() == provider);
    }

    /** Big bills are tens of MB: they go as soon as their link has expired and another bill is asked for. */
    private void purge() {
        Instant now = Instant.now();
        byToken.values().removeIf(k -> k.expired(now));
    }

    private record Kept(BillFile file, Instant expiresAt) {
        boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }
}
