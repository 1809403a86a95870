package com.paygate.sandbox.alipay;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code /gateway.do}: Alipay's open API gateway. Parameters may come in the query, the url-encoded body or
 * both (the SDKs put common parameters in the query and biz_content in the body); the body is read raw so the
 * signature is checked over exactly what was sent.
 */
@Path("/gateway.do")
public class AlipayGatewayResource {

    private final AlipayGatewayService gateway;
    private final AlipayResponder responder;

    public AlipayGatewayResource(AlipayGatewayService gateway, AlipayResponder responder) {
        this.gateway = gateway;
        this.responder = responder;
    }

    @GET
    public Uni<Response> get(@Context HttpServerRequest http) {
        return handle(http, "");
    }

    @POST
    public Uni<Response> post(@Context HttpServerRequest http, String body) {
        return handle(http, body);
    }

    private Uni<Response> handle(HttpServerRequest http, String body) {
        Map<String, String> params = AlipayFormats.parseForm(http.query(), AlipayFormats.newParams());
        AlipayFormats.parseForm(body, params);
        String baseUrl = http.scheme() + "://" + http.getHeader("Host");
        Uni<Response> answer = responder.answer(params.get("method"), () -> gateway.call(params, baseUrl));
        // Generating a bill is seconds of CPU for a big one: not on the event loop.
        return AlipayBillQuery.METHOD.equals(params.get("method"))
                ? answer.runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                : answer;
    }
}
