package com.paygate.payment.app;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** An app's active signing secrets, opened: what signed requests are checked with and webhooks are signed with. */
@ApplicationScoped
public class AppSecrets {

    private final SecretSealer sealer;

    public AppSecrets(SecretSealer sealer) {
        this.sealer = sealer;
    }

    /** Oldest first; two during a rotation. Runs in the caller's session. */
    public Uni<List<String>> active(String appId, Instant now) {
        return AppSecret.<AppSecret>list("appId = ?1 order by id", appId)
                .map(secrets -> secrets.stream().filter(s -> s.activeAt(now)).map(s -> sealer.open(appId, s.sealed)).toList());
    }
}
