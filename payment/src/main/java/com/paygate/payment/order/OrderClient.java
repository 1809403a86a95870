package com.paygate.payment.order;

import com.paygate.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** Reads an order with the caller's own token: the order service decides what the caller may see (404 otherwise). */
@ApplicationScoped
public class OrderClient {

    private static final Logger LOG = Logger.getLogger(OrderClient.class);

    private final OrderApi api;

    public OrderClient(@RestClient OrderApi api) {
        this.api = api;
    }

    public Uni<OrderView> get(String orderSn, String bearerToken) {
        return api.get(orderSn, "Bearer " + bearerToken)
                .onFailure().transform(OrderClient::translate);
    }

    private static Throwable translate(Throwable f) {
        if (f instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status == 404 || status == 403) {
                return ApiException.notFound("ORDER_NOT_FOUND", "order not found");
            }
            if (status == 401) {
                return new ApiException(401, "UNAUTHENTICATED", "the order service refused the token");
            }
        }
        if (f instanceof ApiException) {
            return f;
        }
        LOG.warnf("Order service unavailable: %s", f.getClass().getSimpleName());
        return new ApiException(503, "ORDER_SERVICE_UNAVAILABLE", "the order service is unavailable; try again");
    }
}
