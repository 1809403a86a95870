package com.paygate.payment.rest;

import com.paygate.common.http.QueryParams;
import com.paygate.payment.domain.PaymentAlert;
import com.paygate.payment.service.PaymentAlerts;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What a human must look at (amount mismatches, late payments, illegal transitions, refunds refused or abnormal):
 * listed for the operator on call and acknowledged once handled (JWT group admin).
 */
@Path("/api/admin/payment-alerts")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Payment alerts (admin)", description = "Provider data that disagrees with ours, or money that needs a look")
public class AdminAlertResource {

    private static final int MAX_LIMIT = 1000;

    private final PaymentAlerts alerts;
    private final JsonWebToken jwt;

    public AdminAlertResource(PaymentAlerts alerts, JsonWebToken jwt) {
        this.alerts = alerts;
        this.jwt = jwt;
    }

    @GET
    @Operation(operationId = "listPaymentAlerts", summary = "Payment alerts, most recently seen first",
            description = "Filter by kind (AMOUNT_MISMATCH, LATE_SUCCESS, ILLEGAL_TRANSITION, REFUND_REFUSED, ...),"
                    + " state (OPEN, ACKNOWLEDGED) and payment.")
    @APIResponse(responseCode = "200", description = "The alerts")
    @APIResponse(responseCode = "400", description = "INVALID_QUERY_PARAMETER (state or limit)")
    public Uni<List<PaymentAlertView>> list(@QueryParam("kind") String kind, @QueryParam("state") String state,
            @QueryParam("paySn") String paySn, @QueryParam("limit") String limit) {
        return alerts.list(blankToNull(kind), QueryParams.enumOf("state", state, PaymentAlert.State.class), blankToNull(paySn),
                        QueryParams.intIn("limit", limit, 100, 1, MAX_LIMIT))
                .map(list -> list.stream().map(PaymentAlertView::of).toList());
    }

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "acknowledgePaymentAlert", summary = "Mark an alert handled, with an optional note",
            description = "The first acknowledgement stands; acknowledging again answers the alert unchanged.")
    @APIResponse(responseCode = "200", description = "The alert, ACKNOWLEDGED")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED (note over 500 characters), MALFORMED_BODY")
    @APIResponse(responseCode = "404", description = "ALERT_NOT_FOUND")
    public Uni<PaymentAlertView> acknowledge(@PathParam("id") long id, @Valid AcknowledgeRequest request) {
        String note = request == null || request.note() == null || request.note().isBlank() ? null : request.note().strip();
        return alerts.acknowledge(id, jwt.getSubject(), note).map(PaymentAlertView::of);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
