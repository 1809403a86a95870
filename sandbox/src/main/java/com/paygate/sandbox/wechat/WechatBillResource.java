package com.paygate.sandbox.wechat;

import com.paygate.sandbox.bills.BillFile;
import com.paygate.sandbox.wechat.WechatPayService.SignedRequest;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * WeChat Pay v3 bills: {@code /v3/bill/tradebill}, {@code /v3/bill/fundflowbill} (signed JSON answers) and
 * {@code /v3/billdownload/file} (the file itself, unsigned, as WeChat sends it). Applying for a bill generates it,
 * which for a big bill is seconds of CPU: those run on a worker thread.
 */
@Path("/v3")
public class WechatBillResource {

    private final WechatBillService service;
    private final WechatResponder responder;

    public WechatBillResource(WechatBillService service, WechatResponder responder) {
        this.service = service;
        this.responder = responder;
    }

    @GET
    @Path("/bill/tradebill")
    @Blocking
    public Uni<Response> tradeBill(@QueryParam("bill_date") String billDate, @QueryParam("bill_type") String billType,
            @QueryParam("tar_type") String tarType, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @Context HttpServerRequest http) {
        SignedRequest request = new SignedRequest(auth, http.uri(), "");
        return responder.answer(() -> service.tradeBill(request, billDate, billType, tarType, baseUrl(http)));
    }

    @GET
    @Path("/bill/fundflowbill")
    @Blocking
    public Uni<Response> fundFlowBill(@QueryParam("bill_date") String billDate, @QueryParam("account_type") String accountType,
            @QueryParam("tar_type") String tarType, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @Context HttpServerRequest http) {
        SignedRequest request = new SignedRequest(auth, http.uri(), "");
        return responder.answer(() -> service.fundFlowBill(request, billDate, accountType, tarType, baseUrl(http)));
    }

    @GET
    @Path("/billdownload/file")
    public Uni<Response> download(@QueryParam("token") String token, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @Context HttpServerRequest http) {
        SignedRequest request = new SignedRequest(auth, http.uri(), "");
        return responder.unsigned(() -> {
            BillFile file = service.download(request, token);
            return Response.ok(file.bytes()).header(HttpHeaders.CONTENT_TYPE, file.contentType()).build();
        });
    }

    /**
     * The download URL points where the merchant's server reached the sandbox (its Host header), as WeChat's
     * points to the API host; sandbox.public-url is for payers' browsers.
     */
    private static String baseUrl(HttpServerRequest http) {
        return http.scheme() + "://" + http.getHeader("Host");
    }
}
