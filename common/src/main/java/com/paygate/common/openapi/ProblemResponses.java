package com.paygate.common.openapi;

import com.paygate.common.error.Problem;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Gives every error response of every service the one error body, so a resource documents a failure with just its
 * status and codes ({@code @APIResponse(responseCode = "409", description = "ORDER_NOT_PAYABLE: ...")}): each
 * 4xx/5xx response gets {@code application/problem+json} with the {@code Problem} schema, and every operation gets
 * the 500 that any of them may answer. Runs at build time ({@code mp.openapi.filter}); the codes are listed once,
 * in docs/error-codes.md.
 */
public class ProblemResponses implements OASFilter {

    /** Marks an operation answering in a provider's wire protocol (notifications): its errors are not Problems. */
    public static final String PROVIDER_PROTOCOL = "x-provider-protocol";
    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(FIELD_ERROR, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("A rejected field of the request body")
                .addProperty("field", string("The field's path in the body"))
                .addProperty("message", string("What is wrong with it")));
        openAPI.getComponents().addSchema(PROBLEM, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("The one error body (RFC 9457 members plus a stable machine code; see docs/error-codes.md)")
                .required(List.of("status", "title", "code"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32")
                        .description("The HTTP status"))
                .addProperty("title", string("The status' reason phrase"))
                .addProperty("detail", string("What went wrong, for a person; never secrets"))
                .addProperty("code", string("Stable machine-readable code, e.g. ORDER_NOT_PAYABLE"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().ref(FIELD_ERROR))
                        .description("The offending fields of a rejected body (VALIDATION_FAILED, MALFORMED_BODY)")));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(this::problems));
    }

    private void problems(Operation operation) {
        if (operation.getExtensions() != null && operation.getExtensions().containsKey(PROVIDER_PROTOCOL)) {
            return;
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        if (!operation.getResponses().hasAPIResponse("500")) {
            operation.getResponses().addAPIResponse("500",
                    OASFactory.createAPIResponse().description("INTERNAL: an unexpected failure, answered with an incident id only"));
        }
        for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
            if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                response.getValue().setContent(problemContent());
            }
            // Quarkus adds these two to secured operations; name their codes like every other response.
            if ("Not Authorized".equals(response.getValue().getDescription())) {
                response.getValue().setDescription("UNAUTHENTICATED: no valid bearer token");
            } else if ("Not Allowed".equals(response.getValue().getDescription())) {
                response.getValue().setDescription("FORBIDDEN: the token lacks the group this needs");
            }
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }
}
