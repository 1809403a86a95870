package com.paygate.payment.rest;

import com.paygate.common.error.ApiException;
import com.paygate.payment.checkout.PaymentQrCodes;
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
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller's payments. The user is the token's sub; nobody sees another user's payment (404). */
@Path("/api/payments")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
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
    public Uni<Response> create(@Valid @NotNull CreatePaymentRequest request, @Context HttpServerRequest http) {
        String openid = jwt.getClaim("openid");
        PaymentService.Caller caller = new PaymentService.Caller(jwt.getSubject(), openid, jwt.getRawToken(), clientIp(http));
        return payments.create(caller, request.orderSn(), request.channel(), request.returnUrl())
                .map(c -> Response.status(c.created() ? 201 : 200)
                        .entity(new PaymentCreatedResponse(c.payment().paySn, c.payment().orderSn, c.payment().channel.name(),
                                c.payment().state.name(), c.payment().amountFen, c.payment().expireAt, c.checkout()))
                        .build());
    }

    @GET
    @Path("/{paySn}")
    public Uni<PaymentView> get(@PathParam("paySn") String paySn) {
        return status.get(paySn, jwt.getSubject()).map(PaymentView::of);
    }

    /** The code to scan for WECHAT_NATIVE and ALIPAY_QR, as SVG; never cached (it stops being valid). */
    @GET
    @Path("/{paySn}/qr.svg")
    @Produces(QR_SVG)
    public Uni<Response> qrCode(@PathParam("paySn") String paySn) {
        return qrCodes.svg(paySn, jwt.getSubject()).map(svg -> Response.ok(svg, QR_SVG)
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff").build());
    }

    @GET
    public Uni<List<PaymentView>> list(@QueryParam("orderSn") String orderSn) {
        if (orderSn == null || orderSn.isBlank()) {
            throw ApiException.badRequest("ORDER_SN_REQUIRED", "query parameter orderSn is required");
        }
        return payments.byOrder(orderSn, jwt.getSubject()).map(list -> list.stream().map(PaymentView::of).toList());
    }

    /**
     * The payer's address for WeChat H5 (scene_info.payer_client_ip). Quarkus' proxy handling has already put the
     * X-Forwarded-For client here when, and only when, the connection came from a trusted proxy.
     */
    private static String clientIp(HttpServerRequest http) {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }
}
