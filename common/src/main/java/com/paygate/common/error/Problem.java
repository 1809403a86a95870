package com.paygate.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The one error body every application answers with (RFC 9457 members plus a stable machine code).
 * {@code errors} names the offending fields of a rejected request body.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(int status, String title, String detail, String code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem(int status, String title, String detail, String code) {
        this(status, title, detail, code, List.of());
    }

    /** A body over quarkus.http.limits.max-body-size. */
    public static Problem bodyTooLarge() {
        return new Problem(413, "Request Entity Too Large", "The request body is larger than this service accepts", "BODY_TOO_LARGE");
    }

    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
