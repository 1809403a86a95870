package com.paygate.payment.rest;

import com.paygate.common.error.ApiException;
import com.paygate.payment.domain.Refund;
import com.paygate.payment.domain.RefundState;
import com.paygate.payment.service.RefundService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Operators' refunds (JWT in group admin, else 403). 201 with the refund when the provider accepted it, 202 when
 * its answer is still unknown (the refund job settles it), 502 when the provider refused (the refund is CLOSED).
 * A required Idempotency-Key header makes a double submit harmless: a repeat answers the first refund with 200 (502
 * again if that one was refused); see RefundService#refund.
 */
@Path("/api/admin/payments/{paySn}/refunds")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Refunds (admin)", description = "Operators refund part or all of a payment (JWT group admin)")
public class AdminRefundResource {

    private final RefundService service;
    private final JsonWebToken jwt;

    public AdminRefundResource(RefundService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "refundPayment", summary = "Refund part or all of a paid payment",
            description = "The sum of a payment's refunds never exceeds what was paid (checked under the payment's row"
                    + " lock). A repeat with the same Idempotency-Key, amount and reason answers the first refund (200)"
                    + " without calling the provider.")
    @APIResponseSchema(value = RefundView.class, responseCode = "201", responseDescription = "The provider accepted the refund")
    @APIResponse(responseCode = "202", description = "The provider's answer is not known yet: the refund stays PROCESSING,"
            + " its amount held, until the refund job settles it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RefundView.class)))
    @APIResponse(responseCode = "200", description = "The earlier refund with this Idempotency-Key (its current state)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RefundView.class)))
    @APIResponse(responseCode = "400", description = "IDEMPOTENCY_KEY_REQUIRED (missing or malformed), VALIDATION_FAILED,"
            + " MALFORMED_BODY")
    @APIResponse(responseCode = "404", description = "PAYMENT_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "PAYMENT_NOT_PAID, IDEMPOTENCY_KEY_REUSED (same key, another amount or"
            + " reason)")
    @APIResponse(responseCode = "422", description = "REFUND_EXCEEDS_PAID")
    @APIResponse(responseCode = "502", description = "PROVIDER_REJECTED (the refund is CLOSED; a new attempt needs a new"
            + " key), PROVIDER_UNVERIFIABLE (outcome unknown, settled by query)")
    @APIResponse(responseCode = "503", description = "PROVIDER_UNAVAILABLE (outcome unknown, settled by query)")
    public Uni<RestResponse<RefundView>> refund(@PathParam("paySn") String paySn,
            @Parameter(description = "One per operator action: [A-Za-z0-9_-]{1,64}, case-sensitive", required = true,
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9_-]{1,64}$"))
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull AdminRefundRequest request) {
        return service.refund(paySn, idempotencyKey, request.amountFen(), request.reason(), "ADMIN:" + jwt.getSubject()).map(a -> {
            Refund r = a.refund();
            if (r.state == RefundState.CLOSED) {
                throw ApiException.providerRejected("the payment provider refused the refund " + r.refundSn);
            }
            if (a.replayed()) {
                return RestResponse.ok(RefundView.of(r));
            }
            boolean known = r.state != RefundState.PROCESSING || r.providerRefundId != null;
            return RestResponse.status(known ? RestResponse.Status.CREATED : RestResponse.Status.ACCEPTED, RefundView.of(r));
        });
    }

    @GET
    @Operation(operationId = "listRefunds", summary = "A payment's refunds")
    @APIResponse(responseCode = "200", description = "The refunds, oldest first")
    @APIResponse(responseCode = "404", description = "PAYMENT_NOT_FOUND")
    public Uni<List<RefundView>> list(@PathParam("paySn") String paySn) {
        return service.refundsOf(paySn).map(list -> list.stream().map(RefundView::of).toList());
    }
}
