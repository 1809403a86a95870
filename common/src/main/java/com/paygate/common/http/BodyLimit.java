package com.paygate.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.common.error.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body declared larger than {@code quarkus.http.limits.max-body-size} is answered 413 in the problem format
 * before anything reads it; Quarkus' own check answers an empty 413 without a content type.
 */
@Singleton
public class BodyLimit {

    private final long maxBytes;
    /** The shared problem format, serialized once: the answer never varies. */
    private final String problem;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize max,
            ObjectMapper json) throws JsonProcessingException {
        this.maxBytes = max.asLongValue();
        this.problem = json.writeValueAsString(Problem.bodyTooLarge());
    }

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            String declared = ctx.request().getHeader("Content-Length");
            if (declared != null && tooLarge(declared)) {
                ctx.response().setStatusCode(413)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end(problem);
                return;
            }
            ctx.next();
        }, Integer.MAX_VALUE);
    }

    private boolean tooLarge(String declared) {
        try {
            return new BigInteger(declared.trim()).compareTo(BigInteger.valueOf(maxBytes)) > 0;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer rejects a malformed Content-Length itself
        }
    }
}
