package com.paygate.payment.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paygate.common.error.ApiException;
import com.paygate.common.http.QueryParams;
import com.paygate.payment.app.App;
import com.paygate.payment.app.AppPayment;
import com.paygate.payment.app.AppRefund;
import com.paygate.payment.app.SignedRequests;
import com.paygate.payment.service.AppPayments;
import com.paygate.payment.webhook.WebhookDeliveries;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestResponse.ResponseBuilder;

/**
 * The server-to-server API of business lines. No JWT: every request is signed by the app (Paygate-App-Id,
 * Paygate-Timestamp, Paygate-Nonce, Paygate-Signature; see {@link SignedRequests}), so the body is taken as the exact
 * text that was signed and read as JSON only after its signature verified.
 */
@Path("/api/apps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Apps (server to server)", description = "Payments of business lines, signed with the app's secret (HMAC-SHA256)")
@SecurityRequirement(name = "appSignature")
@SecurityScheme(securitySchemeName = "appSignature", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = "Paygate-Signature", description = "Base64 HMAC-SHA256, with the app's secret, of METHOD\\nPATH?QUERY"
                + "\\ntimestamp\\nnonce\\nbody\\n; with the headers Paygate-App-Id, Paygate-Timestamp (unix seconds, within"
                + " 5 minutes) and Paygate-Nonce (8 to 64 characters, never reused)")
public class AppApiResource {

    /** What every operation answers to a request that is not signed as SignedRequests requires. */
    private static final String UNSIGNED = "SIGNATURE_MISSING, SIGNATURE_INVALID, TIMESTAMP_OUT_OF_WINDOW, REQUEST_REPLAYED";

    private final SignedRequests signed;
    private final AppPayments payments;
    private final WebhookDeliveries deliveries;
    private final ObjectMapper json;
    private final Validator validator;

    public AppApiResource(SignedRequests signed, AppPayments payments, WebhookDeliveries deliveries, ObjectMapper json,
            Validator validator) {
        this.signed = signed;
        this.payments = payments;
        this.deliveries = deliveries;
        this.json = json;
        this.validator = validator;
    }

    @POST
    @Path("/payments")
    @Operation(operationId = "createAppPayment", summary = "Pay one of the app's orders",
            description = "Idempotent on (app, bizOrderNo): the same order, amount and channel while a payment is open"
                    + " answers that payment (200) with fresh checkout parameters in prepay. With an Idempotency-Key header"
                    + " the first response is answered verbatim for 24 h.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AppPaymentRequest.class)))
    @APIResponse(responseCode = "201", description = "Created, with the prepay",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AppPayment.class)))
    @APIResponse(responseCode = "200", description = "The open payment of this order, with its prepay",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AppPayment.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED, MALFORMED_BODY, BIZ_ORDER_NO_INVALID, METADATA_INVALID,"
            + " OPENID_REQUIRED, IDEMPOTENCY_KEY_INVALID")
    @APIResponse(responseCode = "401", description = UNSIGNED)
    @APIResponse(responseCode = "409", description = "PAYMENT_IN_PROGRESS (another amount or channel is open), ORDER_ALREADY_PAID,"
            + " IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_USE")
    @APIResponse(responseCode = "422", description = "CHANNEL_NOT_ALLOWED, CHANNEL_NOT_ENABLED, EXPIRE_AT_TOO_SOON, PAYER_APP_UNKNOWN"
            + " (JSAPI for an app whose wechatApp is not bound)")
    @APIResponse(responseCode = "502", description = "PROVIDER_REJECTED, PROVIDER_UNVERIFIABLE")
    @APIResponse(responseCode = "503", description = "PROVIDER_UNAVAILABLE: try again")
    public Uni<RestResponse<String>> create(String body, @Context HttpServerRequest http,
            @Parameter(description = "Optional: the first response to this key is answered verbatim for 24 h")
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return verify("POST", body, http).chain(app -> {
            AppPaymentRequest r = read(body, AppPaymentRequest.class);
            return payments.create(app, new AppPayments.NewPayment(r.bizOrderNo(), r.amountFen(), r.subject(), r.channel(),
                    r.openid(), r.payerClientIp(), r.returnUrl(), r.expireAt(), r.metadata()), idempotencyKey, body);
        }).map(response -> ResponseBuilder.create(RestResponse.Status.fromStatusCode(response.status()), response.body())
                .type(MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("/payments/{paySn}")
    @Operation(operationId = "getAppPayment", summary = "One of the app's payments (queried at the provider when it waits long)")
    @APIResponse(responseCode = "200", description = "The payment")
    @APIResponse(responseCode = "401", description = UNSIGNED)
    @APIResponse(responseCode = "404", description = "PAYMENT_NOT_FOUND (unknown or another line's)")
    public Uni<AppPayment> get(@PathParam("paySn") String paySn, @Context HttpServerRequest http) {
        return verify("GET", "", http).chain(app -> payments.get(app, paySn));
    }

    @GET
    @Path("/payments")
    @Operation(operationId = "listAppPaymentsOfOrder", summary = "The app's payments of one of its orders, newest first")
    @APIResponse(responseCode = "200", description = "The payments (empty for an unknown order)")
    @APIResponse(responseCode = "400", description = "BIZ_ORDER_NO_REQUIRED")
    @APIResponse(responseCode = "401", description = UNSIGNED)
    public Uni<List<AppPayment>> list(@QueryParam("bizOrderNo") String bizOrderNo, @Context HttpServerRequest http) {
        return verify("GET", "", http).chain(app -> {
            if (bizOrderNo == null || bizOrderNo.isBlank()) {
                throw ApiException.badRequest("BIZ_ORDER_NO_REQUIRED", "query parameter bizOrderNo is required");
            }
            return payments.ofOrder(app, bizOrderNo);
        });
    }

    @POST
    @Path("/payments/{paySn}/close")
    @Operation(operationId = "closeAppPayment", summary = "Close an unpaid payment, at the provider first",
            description = "A payment the provider says is paid becomes SUCCESS instead (and its webhook follows).")
    @APIResponse(responseCode = "200", description = "The payment, CLOSED (or SUCCESS when it was paid meanwhile)")
    @APIResponse(responseCode = "401", description = UNSIGNED)
    @APIResponse(responseCode = "404", description = "PAYMENT_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "PAYMENT_NOT_CLOSABLE (paid, refunded or failed)")
    @APIResponse(responseCode = "503", description = "PROVIDER_UNAVAILABLE: the close was not confirmed; try again")
    public Uni<AppPayment> close(@PathParam("paySn") String paySn, String body, @Context HttpServerRequest http) {
        return verify("POST", body, http).chain(app -> payments.close(app, paySn));
    }

    @POST
    @Path("/payments/{paySn}/refunds")
    @Operation(operationId = "refundAppPayment", summary = "Refund (part of) one of the app's payments",
            description = "Idempotency-Key required: the same key with the same amount and reason answers the same refund.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AppRefundRequest.class)))
    @APIResponse(responseCode = "200", description = "The refund (PROCESSING until the provider settles it; refund.* webhooks follow)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AppRefund.class)))
    @APIResponse(responseCode = "400", description = "IDEMPOTENCY_KEY_REQUIRED, VALIDATION_FAILED, MALFORMED_BODY")
    @APIResponse(responseCode = "401", description = UNSIGNED)
    @APIResponse(responseCode = "404", description = "PAYMENT_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "PAYMENT_NOT_PAID, IDEMPOTENCY_KEY_REUSED")
    @APIResponse(responseCode = "422", description = "REFUND_EXCEEDS_PAID")
    public Uni<AppRefund> refund(@PathParam("paySn") String paySn, String body, @Context HttpServerRequest http, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return verify("POST", body, http).chain(app -> {
            AppRefundRequest r = read(body, AppRefundRequest.class);
            return payments.refund(app, paySn, idempotencyKey, r.amountFen(), r.reason());
        });
    }

    @GET
    @Path("/payments/{paySn}/refunds")
    @Operation(operationId = "listAppPaymentRefunds", summary = "The refunds of one of the app's payments, oldest first")
    @APIResponse(responseCode = "200", description = "The refunds")
    @APIResponse(responseCode = "401", description = UNSIGNED)
    @APIResponse(responseCode = "404", description = "PAYMENT_NOT_FOUND")
    public Uni<List<AppRefund>> refunds(@PathParam("paySn") String paySn, @Context HttpServerRequest http) {
        return verify("GET", "", http).chain(app -> payments.refunds(app, paySn));
    }

    @GET
    @Path("/webhook-deliveries")
    @Operation(operationId = "listOwnWebhookDeliveries", summary = "The app's webhook events, newest first, with every try")
    @APIResponse(responseCode = "200", description = "The deliveries")
    @APIResponse(responseCode = "400", description = "INVALID_QUERY_PARAMETER (limit)")
    @APIResponse(responseCode = "401", description = UNSIGNED)
    public Uni<List<WebhookDeliveryView>> webhookDeliveries(@QueryParam("limit") String limit, @Context HttpServerRequest http) {
        return verify("GET", "", http).chain(app -> deliveries.of(app.appId, QueryParams.intIn("limit", limit, 50, 1, 500)))
                .map(list -> list.stream().map(WebhookDeliveryView::of).toList());
    }

    @POST
    @Path("/webhook-deliveries/{eventId}/resend")
    @Operation(operationId = "resendOwnWebhook", summary = "Send one of the app's webhook events again now")
    @APIResponse(responseCode = "200", description = "The delivery, PENDING")
    @APIResponse(responseCode = "401", description = UNSIGNED)
    @APIResponse(responseCode = "404", description = "WEBHOOK_DELIVERY_NOT_FOUND")
    public Uni<WebhookDeliveryView> resend(@PathParam("eventId") String eventId, String body, @Context HttpServerRequest http) {
        return verify("POST", body, http).chain(app -> deliveries.resend(app.appId, eventId))
                .map(WebhookDeliveryView::of);
    }

    /** Checked against the request line exactly as it came (path and query, unparsed, undecoded). */
    private Uni<App> verify(String method, String body, HttpServerRequest http) {
        return signed.verify(new SignedRequests.Signed(http.getHeader("Paygate-App-Id"), http.getHeader("Paygate-Timestamp"),
                http.getHeader("Paygate-Nonce"), http.getHeader("Paygate-Signature"), method, http.uri(), body == null ? "" : body));
    }

    /** The verified body as JSON, bean-validated like the JWT API's bodies (400 MALFORMED_BODY / VALIDATION_FAILED). */
    private <T> T read(String body, Class<T> type) {
        T value;
        try {
            value = json.readValue(body == null || body.isBlank() ? "null" : body, type);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            throw ApiException.badRequest("MALFORMED_BODY", "the body is not valid JSON for this request: "
                    + (why.length() > 200 ? why.substring(0, 200) : why));
        }
        if (value == null) {
            throw ApiException.badRequest("MALFORMED_BODY", "a JSON body is required");
        }
        var violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }
}
