package com.paygate.payment.rest;

import com.paygate.common.error.ApiException;
import com.paygate.payment.recon.ReconItem;
import com.paygate.payment.recon.ReconRun;
import com.paygate.payment.recon.Reconciliations;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The daily reconciliation of the providers' bills against our records, for finance and operators (JWT group admin). */
@Path("/api/admin/reconciliation")
@RolesAllowed("admin")
@Tag(name = "Reconciliation (admin)", description = "Each provider's daily bill against our payments and refunds")
public class AdminReconciliationResource {

    private final Reconciliations reconciliations;

    public AdminReconciliationResource(Reconciliations reconciliations) {
        this.reconciliations = reconciliations;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reconciliationOfDay", summary = "Each provider's run for a bill date (China time)",
            description = "What the bill adds up to (in total and per channel, fees and net), the lines that matched,"
                    + " and every difference with how it was settled (SETTLED by a query, or ALERTED).")
    @APIResponse(responseCode = "200", description = "The runs of that date (none yet: an empty list)")
    @APIResponse(responseCode = "400", description = "INVALID_QUERY_PARAMETER (date is YYYY-MM-DD)")
    public Uni<List<ReconRunView>> day(@QueryParam("date") String date) {
        return views(date(date, "date", "INVALID_QUERY_PARAMETER"));
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @Operation(operationId = "exportReconciliation", summary = "A bill date's differences as CSV",
            description = "provider,bill_date,kind,pay_sn,refund_sn,bill_fen,our_fen,our_state,state,resolution")
    @APIResponse(responseCode = "200", description = "text/csv, one line per difference")
    @APIResponse(responseCode = "400", description = "INVALID_QUERY_PARAMETER (date is YYYY-MM-DD)")
    public Uni<RestResponse<String>> export(@QueryParam("date") String date) {
        LocalDate day = date(date, "date", "INVALID_QUERY_PARAMETER");
        return views(day).map(runs -> RestResponse.ResponseBuilder.ok(ReconCsv.of(runs), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"reconciliation-" + day + ".csv\"").build());
    }

    @POST
    @Path("/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reconcile", summary = "Reconcile dates now (again if already done)",
            description = "Queues a run per provider and date (at most 31 dates, up to today China time); a replica runs"
                    + " them within payment.reconciliation.poll-every. Re-running a date changes nothing already settled.")
    @APIResponse(responseCode = "202", description = "The queued runs")
    @APIResponse(responseCode = "400", description = "DATE_RANGE_INVALID, MALFORMED_BODY")
    @APIResponse(responseCode = "422", description = "DATE_RANGE_INVALID (future dates, too many), PROVIDER_NOT_ENABLED")
    public Uni<RestResponse<List<ReconRunView>>> reconcile(ReconRequest request) {
        if (request == null) {
            throw ApiException.badRequest("DATE_RANGE_INVALID", "a body {\"from\", \"to\", \"providers\"?} is required");
        }
        LocalDate from = date(request.from(), "from", "DATE_RANGE_INVALID");
        LocalDate to = request.to() == null ? from : date(request.to(), "to", "DATE_RANGE_INVALID");
        return reconciliations.request(from, to, request.providers())
                .map(runs -> RestResponse.status(RestResponse.Status.ACCEPTED,
                        runs.stream().map(r -> ReconRunView.of(r, List.of(), List.of())).toList()));
    }

    private Uni<List<ReconRunView>> views(LocalDate date) {
        return reconciliations.runsOf(date).chain(runs -> {
            List<Long> ids = runs.stream().map(r -> r.id).toList();
            return reconciliations.totalsOf(ids).chain(totals -> reconciliations.differencesOf(ids)
                    .map((List<ReconItem> items) -> runs.stream().map((ReconRun r) -> ReconRunView.of(r, totals, items)).toList()));
        });
    }

    /** {@code code}: INVALID_QUERY_PARAMETER for the query's date, DATE_RANGE_INVALID for the body's. */
    private static LocalDate date(String value, String name, String code) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(code, name + " is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(code, name + " is not a date (YYYY-MM-DD)");
        }
    }
}
