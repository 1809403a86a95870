package com.paygate.payment.order;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The order service's API as this service uses it; wrapped by {@link OrderClient}. */
@RegisterRestClient(configKey = "order-api")
@Path("/api/orders")
interface OrderApi {

    @GET
    @Path("/{orderSn}")
    Uni<OrderView> get(@PathParam("orderSn") String orderSn, @HeaderParam("Authorization") String authorization);
}
