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
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Operators' refunds (JWT in group admin, else 403). 201 with the refund when the provider accepted it, 202 when
 * its answer is still unknown (the refund job settles it), 502 when the provider refused (the refund is CLOSED).
 * A required Idempotency-Key header makes a double submit harmless: a repeat answers the first refund with 200 (502
 * again if that one was refused); see RefundService#refund.
 */
@Path("/api/admin/payments/{paySn}/refunds")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminRefundResource {

    private final RefundService service;
    private final JsonWebToken jwt;

    public AdminRefundResource(RefundService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> refund(@PathParam("paySn") String paySn, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull AdminRefundRequest request) {
        return service.refund(paySn, idempotencyKey, request.amountFen(), request.reason(), jwt.getSubject()).map(a -> {
            Refund r = a.refund();
            if (r.state == RefundState.CLOSED) {
                throw ApiException.providerRejected("the payment provider refused the refund " + r.refundSn);
            }
            if (a.replayed()) {
                return Response.ok(RefundView.of(r)).build();
            }
            boolean known = r.state != RefundState.PROCESSING || r.providerRefundId != null;
            return Response.status(known ? 201 : 202).entity(RefundView.of(r)).build();
        });
    }

    @GET
    public Uni<List<RefundView>> list(@PathParam("paySn") String paySn) {
        return service.refundsOf(paySn).map(list -> list.stream().map(RefundView::of).toList());
    }
}
