package com.paygate.sandbox.wechat;

import com.paygate.sandbox.wechat.WechatPayService.SignedRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** WeChat Pay v3 domestic refunds: create and query by out_refund_no. Bodies are raw text, as for payments. */
@Path("/v3/refund/domestic/refunds")
public class WechatRefundResource {

    private final WechatRefundService service;
    private final WechatResponder responder;

    public WechatRefundResource(WechatRefundService service, WechatResponder responder) {
        this.service = service;
        this.responder = responder;
    }

    @POST
    public Uni<Response> create(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @Context HttpServerRequest http,
            String body) {
        SignedRequest request = new SignedRequest(auth, http.uri(), body == null ? "" : body);
        return responder.answer(() -> service.create(request));
    }

    @GET
    @Path("/{outRefundNo}")
    public Uni<Response> query(@PathParam("outRefundNo") String outRefundNo,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @Context HttpServerRequest http) {
        SignedRequest request = new SignedRequest(auth, http.uri(), "");
        return responder.answer(() -> service.query(outRefundNo, request));
    }
}
