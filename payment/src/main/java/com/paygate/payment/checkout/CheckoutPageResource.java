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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse.ResponseBuilder;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Serves the checkout page for {@code /checkout/{orderSn}}. The page is static (HTML + JS under
 * {@code /checkout-assets/}); the server only sets where it finds the order API (this origin behind the ingress,
 * another port on a developer machine) and its language: Chinese (zh-CN) unless {@code ?lang=en} or the browser's
 * {@code Accept-Language} prefers English to Chinese.
 */
@Startup
@Singleton
@Path("/checkout")
@Tag(name = "Checkout", description = "The payer-facing page")
public class CheckoutPageResource {

    private static final Pattern ORDER_SN = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    static final String CHINESE = "zh-CN";
    static final String ENGLISH = "en";
    private final String chinese;
    private final String english;

    public CheckoutPageResource(PaymentConfig config) {
        String orderApi = config.checkout().orderApiUrl().map(String::trim).orElse("");
        this.chinese = template().replace("data-order-api=\"\"", "data-order-api=\"" + attribute(orderApi) + "\"");
        this.english = chinese.replace("<html lang=\"zh-CN\">", "<html lang=\"en\">");
    }

    @GET
    @Path("{orderSn}")
    @PermitAll
    @Operation(operationId = "checkoutPage", summary = "The payer's checkout page (HTML)",
            description = "Open as /checkout/{orderSn}#token=<JWT>: the token stays in the fragment, out of logs and"
                    + " Referers. Chinese unless ?lang=en or Accept-Language prefers English.")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML,
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "ORDER_NOT_FOUND (not an order number)")
    @Produces(MediaType.TEXT_HTML)
    public RestResponse<String> page(@PathParam("orderSn") String orderSn, @QueryParam("lang") String lang,
            @Context HttpHeaders headers) {
        if (!ORDER_SN.matcher(orderSn).matches()) {
            throw ApiException.notFound("ORDER_NOT_FOUND", "No such order");
        }
        String language = language(lang, headers.getAcceptableLanguages());
        return ResponseBuilder.ok(ENGLISH.equals(language) ? english : chinese, MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header(HttpHeaders.CONTENT_LANGUAGE, language).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).build();
    }

    /** {@code ?lang=} wins; else the first of Chinese or English the browser lists (by weight); else Chinese. */
    static String language(String requested, List<Locale> acceptable) {
        if (requested != null) {
            String wanted = requested.trim().toLowerCase(Locale.ROOT);
            if (wanted.startsWith("en")) {
                return ENGLISH;
            }
            if (wanted.startsWith("zh")) {
                return CHINESE;
            }
        }
        for (Locale locale : acceptable) {
            if ("zh".equals(locale.getLanguage())) {
                return CHINESE;
            }
            if ("en".equals(locale.getLanguage())) {
                return ENGLISH;
            }
        }
        return CHINESE;
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
