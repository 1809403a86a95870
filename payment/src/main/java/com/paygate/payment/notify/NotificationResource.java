package com.paygate.payment.notify;

import com.paygate.common.openapi.ProblemResponses;
import com.paygate.payment.provider.Notification;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Every provider's notifications: {@code POST /notify/{provider}} and {@code /notify/{provider}/{endpoint}}
 * (WeChat Pay: {@code /pay}, {@code /refund}; Alipay: none). The body is taken as the raw String so a signature is
 * checked over exactly what was received; {@link Notifications} does the rest.
 */
@Path("/notify/{provider}")
@Consumes(MediaType.WILDCARD)
@Tag(name = "Provider notifications", description = "Called by WeChat Pay and Alipay, never by apps: each answers in its"
        + " provider's protocol, not with the Problem body")
public class NotificationResource {

    private final Notifications notifications;

    public NotificationResource(Notifications notifications) {
        this.notifications = notifications;
    }

    @POST
    @Operation(operationId = "receiveNotification", summary = "A provider's notification (Alipay: /notify/alipay)")
    @APIResponse(responseCode = "200", description = "Alipay: text/plain `success` (applied or already applied) or"
            + " `failure` (send again)")
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such provider or endpoint")
    @Extension(name = ProblemResponses.PROVIDER_PROTOCOL, value = "true")
    public Uni<RestResponse<String>> receive(@PathParam("provider") String provider, String body, @Context HttpHeaders headers) {
        return notifications.receive(provider, new Notification("", headers.getRequestHeaders(), body));
    }

    @POST
    @Path("/{endpoint}")
    @Operation(operationId = "receiveNotificationAtEndpoint",
            summary = "A provider's notification at one of its endpoints (WeChat Pay: /notify/wechat/pay, /notify/wechat/refund)")
    @APIResponse(responseCode = "204", description = "WeChat Pay: accepted (duplicates too)")
    @APIResponse(responseCode = "400", description = "WeChat Pay: refused, `{\"code\":\"FAIL\",\"message\"}`; WeChat sends again")
    @APIResponse(responseCode = "401", description = "WeChat Pay: signature or timestamp refused, `{\"code\":\"FAIL\",\"message\"}`")
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such provider or endpoint")
    @APIResponse(responseCode = "500", description = "Could not be applied now; the provider sends again")
    @Extension(name = ProblemResponses.PROVIDER_PROTOCOL, value = "true")
    public Uni<RestResponse<String>> receive(@PathParam("provider") String provider, @PathParam("endpoint") String endpoint,
            String body, @Context HttpHeaders headers) {
        return notifications.receive(provider, new Notification(endpoint, headers.getRequestHeaders(), body));
    }
}
