package com.paygate.payment.checkout;

import com.paygate.common.error.ApiException;
import com.paygate.payment.config.PaymentConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Serves the mobile checkout page for {@code /checkout/{orderSn}}. The page is static (HTML + JS under
 * {@code /checkout-assets/}); the only server-side touch is where it finds the order API, which is this origin
 * behind the ingress and another port on a developer machine.
 */
@Startup
@Singleton
@Path("/checkout")
public class CheckoutPageResource {

    private static final Pattern ORDER_SN = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private final String page;

    public CheckoutPageResource(PaymentConfig config) {
        String orderApi = config.checkout().orderApiUrl().map(String::trim).orElse("");
        this.page = template().replace("data-order-api=\"\"", "data-order-api=\"" + attribute(orderApi) + "\"");
    }

    @GET
    @Path("{orderSn}")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public String page(@PathParam("orderSn") String orderSn) {
        if (!ORDER_SN.matcher(orderSn).matches()) {
            throw ApiException.notFound("ORDER_NOT_FOUND", "No such order");
        }
        return page;
    }

    private static String template() {
        try (InputStream in = CheckoutPageResource.class.getResourceAsStream("/META-INF/resources/checkout-assets/checkout.html")) {
            if (in == null) {
                throw new IllegalStateException("checkout.html is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
