package com.paygate.payment.rest;

import com.paygate.common.error.ApiException;
import com.paygate.common.http.QueryParams;
import com.paygate.payment.app.AppAdmin;
import com.paygate.payment.webhook.WebhookDeliveries;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Business lines (apps) and their webhook deliveries, for operators (JWT group admin). */
@Path("/api/admin/apps")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Apps (admin)", description = "Business lines that pay through the signed /api/apps API")
public class AdminAppResource {

    private final AppAdmin apps;
    private final WebhookDeliveries deliveries;

    public AdminAppResource(AppAdmin apps, WebhookDeliveries deliveries) {
        this.apps = apps;
        this.deliveries = deliveries;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApp", summary = "Register a business line; its signing secret is in this answer only")
    @APIResponse(responseCode = "201", description = "The app, with secretId and secret (store the secret now: it is never shown again)")
    @APIResponse(responseCode = "400", description = "APP_ID_INVALID, APP_INVALID, WEBHOOK_URL_INVALID, VALIDATION_FAILED, MALFORMED_BODY")
    @APIResponse(responseCode = "409", description = "APP_EXISTS")
    public Uni<RestResponse<AppView>> create(@Valid @NotNull AppRequest request) {
        return apps.create(request.appId(), settings(request))
                .map(issued -> RestResponse.status(RestResponse.Status.CREATED,
                        AppView.issued(issued.app(), issued.secretId(), issued.secret())));
    }

    @GET
    @Operation(operationId = "listApps", summary = "Every app, by id")
    @APIResponse(responseCode = "200", description = "The apps")
    public Uni<List<AppView>> list() {
        return apps.list().map(list -> list.stream().map(AppView::of).toList());
    }

    @GET
    @Path("/{appId}")
    @Operation(operationId = "getApp", summary = "One app")
    @APIResponse(responseCode = "200", description = "The app")
    @APIResponse(responseCode = "404", description = "APP_NOT_FOUND")
    public Uni<AppView> get(@PathParam("appId") String appId) {
        return apps.get(appId).map(AppView::of);
    }

    @PATCH
    @Path("/{appId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateApp", summary = "Change an app: only the fields given",
            description = "webhookEnabled=true turns a disabled endpoint back on and forgets its failures; \"\" clears webhookUrl.")
    @APIResponse(responseCode = "200", description = "The app")
    @APIResponse(responseCode = "400", description = "APP_INVALID, WEBHOOK_URL_INVALID, VALIDATION_FAILED, MALFORMED_BODY")
    @APIResponse(responseCode = "404", description = "APP_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "APP_MODE_IMMUTABLE (testMode is chosen at creation)")
    public Uni<AppView> update(@PathParam("appId") String appId, @Valid @NotNull AppRequest request) {
        if (request.appId() != null && !request.appId().equals(appId)) {
            throw ApiException.badRequest("APP_INVALID", "appId cannot change");
        }
        return apps.update(appId, settings(request)).map(AppView::of);
    }

    @POST
    @Path("/{appId}/secrets")
    @Operation(operationId = "rotateAppSecret", summary = "Issue a new signing secret; the old ones work for the overlap",
            description = "overlap is an ISO-8601 duration (default payment.apps.secret-overlap, 24 h); PT0S revokes the old"
                    + " secrets at once (a leak). Webhooks are signed with every active secret meanwhile.")
    @APIResponse(responseCode = "201", description = "The app with the new secretId and secret (shown once)")
    @APIResponse(responseCode = "400", description = "OVERLAP_INVALID")
    @APIResponse(responseCode = "404", description = "APP_NOT_FOUND")
    public Uni<RestResponse<AppView>> rotate(@PathParam("appId") String appId, @QueryParam("overlap") String overlap) {
        return apps.rotate(appId, duration(overlap)).map(issued -> RestResponse.status(RestResponse.Status.CREATED,
                AppView.issued(issued.app(), issued.secretId(), issued.secret())));
    }

    @GET
    @Path("/{appId}/webhook-deliveries")
    @Operation(operationId = "listAppWebhookDeliveries", summary = "An app's webhook events, newest first, with every try")
    @APIResponse(responseCode = "200", description = "The deliveries")
    @APIResponse(responseCode = "400", description = "INVALID_QUERY_PARAMETER (limit)")
    public Uni<List<WebhookDeliveryView>> deliveries(@PathParam("appId") String appId, @QueryParam("limit") String limit) {
        return deliveries.of(appId, QueryParams.intIn("limit", limit, 50, 1, 500))
                .map(list -> list.stream().map(WebhookDeliveryView::of).toList());
    }

    @POST
    @Path("/{appId}/webhook-deliveries/{eventId}/resend")
    @Operation(operationId = "resendAppWebhook", summary = "Send an app's webhook event again now")
    @APIResponse(responseCode = "200", description = "The delivery, PENDING")
    @APIResponse(responseCode = "404", description = "WEBHOOK_DELIVERY_NOT_FOUND")
    public Uni<WebhookDeliveryView> resend(@PathParam("appId") String appId, @PathParam("eventId") String eventId) {
        return deliveries.resend(appId, eventId).map(WebhookDeliveryView::of);
    }

    private static AppAdmin.Settings settings(AppRequest r) {
        return new AppAdmin.Settings(r.name(), r.webhookUrl(), r.channels(), r.wechatApp(), r.enabled(), r.webhookEnabled(), r.testMode());
    }

    private static Duration duration(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("OVERLAP_INVALID", "overlap must be an ISO-8601 duration such as PT24H");
        }
    }
}
