package com.paygate.common.error;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into a {@link Problem}. Unexpected failures are logged with an incident id and answered
 * with that id only: no stack trace, no exception message (it may carry SQL or secrets).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(new Problem(e.status(), reason(e.status()), e.getMessage(), e.code()));
    }

    /** The one place a provider failure becomes an HTTP status; its message is for the caller's log, not the client. */
    @ServerExceptionMapper
    public Response upstream(UpstreamException e) {
        return api(switch (e.outcome()) {
            case UNAVAILABLE -> ApiException.providerUnavailable("the payment provider is unavailable; try again");
            case REJECTED -> ApiException.providerRejected("the payment provider refused the request");
            case UNVERIFIABLE -> ApiException.providerUnverifiable(
                    "the payment provider's answer could not be verified; the outcome is being settled, try again later");
        });
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem(400, "Bad Request", detail, "VALIDATION_FAILED", errors));
    }

    // Quarkus REST has its own, more specific mapper for MismatchedInputException ("quantity": "many") that
    // answers plain JSON; naming the type here keeps those errors in the problem format too.
    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class })
    public Response malformedJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? pathOf(m)
                : e instanceof InputCoercionException c ? currentField(c) : "";
        String detail = field.isEmpty() ? "Malformed JSON body" : "Malformed or mistyped value for field '" + field + "'";
        List<Problem.FieldError> errors = field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, "invalid value"));
        return respond(new Problem(400, "Bad Request", detail, "MALFORMED_BODY", errors));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e) {
        return respond(new Problem(401, "Unauthorized", "A valid bearer token is required", "UNAUTHENTICATED"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(new Problem(403, "Forbidden", "Not allowed for this caller", "FORBIDDEN"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        // Quarkus REST's JSON reader answers a syntax error or an out-of-range number ({"quantity": 1e30}) with a
        // bare 400 wrapping Jackson's exception: answer it like every other malformed body.
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        if (status >= 500) {
            return unexpected(e);
        }
        return respond(new Problem(status, reason(status), reason(status), "HTTP_" + status));
    }

    @ServerExceptionMapper
    public Response completion(CompletionException e) {
        // Reactive pipelines wrap the real cause; answer for the cause, not the wrapper.
        Throwable cause = e.getCause();
        if (cause instanceof ApiException api) {
            return api(api);
        }
        if (cause instanceof UpstreamException upstream) {
            return upstream(upstream);
        }
        return unexpected(cause == null ? e : cause);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return respond(new Problem(500, "Internal Server Error", "Unexpected failure; incident " + incident, "INTERNAL"));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        // "create.request.quantity" -> "quantity": callers know their body's fields, not our method names.
        String path = v.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String currentField(InputCoercionException e) {
        // A number too big for its field: the parser still stands on that field's name.
        JsonParser parser = e.getProcessor();
        if (parser != null && parser.getParsingContext() != null) {
            String name = parser.getParsingContext().getCurrentName();
            return name == null ? "" : name;
        }
        return "";
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }
}
