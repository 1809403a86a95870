package com.paygate.payment.provider.alipay;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Alipay's open API gateway over the reactive REST client: one URL (payment.alipay.gateway-url), the method named
 * in the signed form. The form goes out as the pre-encoded String whose parameters were signed and the answer
 * comes back raw, so the adapter verifies the exact text Alipay signed. Built programmatically in AlipayClient.
 */
public interface AlipayGatewayApi {

    @POST
    @Consumes("application/x-www-form-urlencoded;charset=utf-8")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> call(String form);
}
