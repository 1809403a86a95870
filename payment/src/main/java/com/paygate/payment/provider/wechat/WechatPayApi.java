package com.paygate.payment.provider.wechat;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * WeChat Pay API v3 over the reactive REST client. Bodies go out as the pre-serialized String the adapter wrote and
 * come back as a raw Response so the adapter can verify the exact bytes and headers. Every request is signed by
 * {@link WechatSigningFilter} over the URI and body actually sent. Built programmatically with
 * payment.wechat.base-url (see WechatPayClient).
 */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
public interface WechatPayApi {

    @POST
    @Path("/pay/transactions/{kind}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> prepay(@PathParam("kind") String kind, String body);

    @GET
    @Path("/pay/transactions/out-trade-no/{outTradeNo}")
    Uni<Response> query(@PathParam("outTradeNo") String outTradeNo, @QueryParam("mchid") String mchId);

    @POST
    @Path("/pay/transactions/out-trade-no/{outTradeNo}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> close(@PathParam("outTradeNo") String outTradeNo, String body);

    @POST
    @Path("/refund/domestic/refunds")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> refund(String body);

    @GET
    @Path("/refund/domestic/refunds/{outRefundNo}")
    Uni<Response> queryRefund(@PathParam("outRefundNo") String outRefundNo);

    /** The day's trade bill: answers a download URL and the SHA-1 of the (uncompressed) file. */
    @GET
    @Path("/bill/tradebill")
    Uni<Response> tradeBill(@QueryParam("bill_date") String billDate, @QueryParam("bill_type") String billType,
            @QueryParam("tar_type") String tarType);

    @GET
    @Path("/certificates")
    Uni<Response> certificates();
}
