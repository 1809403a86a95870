package com.paygate.sandbox.wechat;

import com.paygate.sandbox.config.SandboxConfig;
import com.paygate.sandbox.wechat.WechatPayService.SignedRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * WeChat Pay v3 transaction endpoints. Bodies are taken as text: the signature covers the exact bytes, and
 * malformed JSON must still get WeChat's (signed) PARAM_ERROR rather than a framework error.
 */
@Path("/v3/pay/transactions")
public class WechatPayResource {

    private final WechatPayService service;
    private final WechatResponder responder;
    private final SandboxConfig config;

    public WechatPayResource(WechatPayService service, WechatResponder responder, SandboxConfig config) {
        this.service = service;
        this.responder = responder;
        this.config = config;
    }

    @POST
    @Path("/jsapi")
    public Uni<Response> jsapi(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @Context HttpServerRequest http, String body) {
        return prepay("JSAPI", auth, http, body);
    }

    @POST
    @Path("/h5")
    public Uni<Response> h5(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @Context HttpServerRequest http, String body) {
        return prepay("MWEB", auth, http, body);
    }

    @POST
    @Path("/native")
    public Uni<Response> nativePay(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @Context HttpServerRequest http, String body) {
        return prepay("NATIVE", auth, http, body);
    }

    @GET
    @Path("/out-trade-no/{outTradeNo}")
    public Uni<Response> query(@PathParam("outTradeNo") String outTradeNo, @QueryParam("mchid") String mchid,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @Context HttpServerRequest http) {
        SignedRequest request = new SignedRequest(auth, http.uri(), "");
        return responder.answer(() -> service.query(outTradeNo, mchid, request));
    }

    @GET
    @Path("/id/{transactionId}")
    public Uni<Response> queryById(@PathParam("transactionId") String transactionId, @QueryParam("mchid") String mchid,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @Context HttpServerRequest http) {
        SignedRequest request = new SignedRequest(auth, http.uri(), "");
        return responder.answer(() -> service.queryByTransactionId(transactionId, mchid, request));
    }

    @POST
    @Path("/out-trade-no/{outTradeNo}/close")
    public Uni<Response> close(@PathParam("outTradeNo") String outTradeNo, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @Context HttpServerRequest http, String body) {
        SignedRequest request = new SignedRequest(auth, http.uri(), body == null ? "" : body);
        return responder.answer(() -> service.close(outTradeNo, request));
    }

    private Uni<Response> prepay(String tradeType, String auth, HttpServerRequest http, String body) {
        SignedRequest request = new SignedRequest(auth, http.uri(), body == null ? "" : body);
        String baseUrl = config.publicUrl().orElseGet(() -> http.scheme() + "://" + http.getHeader("Host"));
        return responder.answer(() -> service.prepay(tradeType, request, baseUrl));
    }
}
