package com.paygate.payment.rest;

import com.paygate.common.error.ApiException;
import com.paygate.payment.checkout.PaymentQrCodes;
import com.paygate.payment.domain.Payment;
import com.paygate.payment.service.PaymentService;
import com.paygate.payment.service.PaymentStatusService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestResponse.ResponseBuilder;

/** The caller's payments. The user is the token's sub; nobody sees another user's payment (404). */
@Path("/api/payments")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Payments", description = "The caller's payments: create one for an order, poll it, show its QR code")
public class PaymentResource {

    static final String QR_SVG = "image/svg+xml";

    private final PaymentService payments;
    private final PaymentStatusService status;
    private final PaymentQrCodes qrCodes;
    private final JsonWebToken jwt;

    public PaymentResource(PaymentService payments, PaymentStatusService status, PaymentQrCodes qrCodes, JsonWebToken jwt) {
        this.payments = payments;
        this.status = status;
        this.qrCodes = qrCodes;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPayment", summary = "Pay an order through a channel",
            description = "The amount and subject come from the order service (read with the caller's token), never"
                    + " from this request. While a payment for this order and channel is open with a valid prepay,"
                    + " the same payment is answered (200) with fresh checkout parameters in `prepay`.")
    @APIResponseSchema(value = PaymentCreatedResponse.class, responseCode = "201", responseDescription = "Created, with the prepay")
    @APIResponse(responseCode = "200", description = "The open payment of this order and channel, with its prepay",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PaymentCreatedResponse.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED, MALFORMED_BODY, OPENID_REQUIRED (JSAPI without an"
            + " openid claim)")
    @APIResponse(responseCode = "404", description = "ORDER_NOT_FOUND (unknown or someone else's order)")
    @APIResponse(responseCode = "409", description = "ORDER_NOT_PAYABLE (not WAIT_PAY), ORDER_ALREADY_PAID")
    @APIResponse(responseCode = "422", description = "CHANNEL_NOT_ENABLED (the provider is not configured), PAYER_APP_UNKNOWN"
            + " (the token's wechat_app names no payment.wechat.apps entry)")
    @APIResponse(responseCode = "502", description = "PROVIDER_REJECTED (a clear refusal), PROVIDER_UNVERIFIABLE (an answer"
            + " that does not verify)")
    @APIResponse(responseCode = "503", description = "PROVIDER_UNAVAILABLE, ORDER_SERVICE_UNAVAILABLE: try again")
    public Uni<RestResponse<PaymentCreatedResponse>> create(@Valid @NotNull CreatePaymentRequest request,
            @Context HttpServerRequest http) {
        String openid = jwt.getClaim("openid");
        // The login service names the WeChat app the openid was issued in when it is not the merchant's default one.
        String wechatApp = jwt.getClaim("wechat_app");
        PaymentService.Caller caller = new PaymentService.Caller(jwt.getSubject(), openid, wechatApp, jwt.getRawToken(),
                clientIp(http));
        return payments.create(caller, request.orderSn(), request.channel(), request.returnUrl())
                .map(c -> ResponseBuilder.create(c.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK,
                        new PaymentCreatedResponse(c.payment().paySn, c.payment().orderSn, c.payment().channel.name(),
                                c.payment().state.name(), c.payment().amountFen, c.payment().expireAt, c.checkout()))
                        .build());
    }

    @GET
    @Path("/{paySn}")
    @Operation(operationId = "getPayment", summary = "A payment's state (what front ends poll)",
            description = "The only proof of payment a front end should believe. A payment waiting longer than"
                    + " `payment.active-query-after` is queried at the provider first.")
    @APIResponse(responseCode = "200", description = "The payment")
    @APIResponse(responseCode = "404", description = "PAYMENT_NOT_FOUND (unknown or someone else's)")
    public Uni<PaymentView> get(@PathParam("paySn") String paySn) {
        return status.get(paySn, Payment.BUILT_IN_APP, jwt.getSubject()).map(PaymentView::of);
    }

    /** The code to scan for WECHAT_NATIVE and ALIPAY_QR, as SVG; never cached (it stops being valid). */
    @GET
    @Path("/{paySn}/qr.svg")
    @Produces(QR_SVG)
    @Operation(operationId = "getPaymentQrCode", summary = "The code to scan (WECHAT_NATIVE, ALIPAY_QR) as SVG")
    @APIResponse(responseCode = "200", description = "The QR code of the provider's code_url / qr_code",
            content = @Content(mediaType = QR_SVG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "PAYMENT_NOT_FOUND, QR_CODE_NOT_FOUND (not a scan-to-pay channel)")
    @APIResponse(responseCode = "409", description = "PAYMENT_NOT_PAYABLE (paid, closed or failed), PREPAY_EXPIRED (POST the"
            + " payment again for a fresh code)")
    public Uni<RestResponse<String>> qrCode(@PathParam("paySn") String paySn) {
        return qrCodes.svg(paySn, jwt.getSubject()).map(svg -> ResponseBuilder.ok(svg, QR_SVG)
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff").build());
    }

    @GET
    @Operation(operationId = "listPaymentsOfOrder", summary = "The caller's payments of one order")
    @APIResponse(responseCode = "200", description = "The payments, oldest first; empty for another user's order")
    @APIResponse(responseCode = "400", description = "ORDER_SN_REQUIRED")
    public Uni<List<PaymentView>> list(@QueryParam("orderSn") String orderSn) {
        if (orderSn == null || orderSn.isBlank()) {
            throw ApiException.badRequest("ORDER_SN_REQUIRED", "query parameter orderSn is required");
        }
        return payments.byOrder(Payment.BUILT_IN_APP, orderSn, jwt.getSubject()).map(list -> list.stream().map(PaymentView::of).toList());
    }

    /**
     * The payer's address for WeChat H5 (scene_info.payer_client_ip). Quarkus' proxy handling has already put the
     * X-Forwarded-For client here when, and only when, the connection came from a trusted proxy.
     */
    private static String clientIp(HttpServerRequest http) {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }
}
