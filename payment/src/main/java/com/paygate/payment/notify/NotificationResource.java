package com.paygate.payment.notify;

import com.paygate.payment.provider.Notification;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Every provider's notifications: {@code POST /notify/{provider}} and {@code /notify/{provider}/{endpoint}}
 * (WeChat Pay: {@code /pay}, {@code /refund}; Alipay: none). The body is taken as the raw String so a signature is
 * checked over exactly what was received; {@link Notifications} does the rest.
 */
@Path("/notify/{provider}")
@Consumes(MediaType.WILDCARD)
public class NotificationResource {

    private final Notifications notifications;

    public NotificationResource(Notifications notifications) {
        this.notifications = notifications;
    }

    @POST
    public Uni<Response> receive(@PathParam("provider") String provider, String body, @Context HttpHeaders headers) {
        return notifications.receive(provider, new Notification("", headers.getRequestHeaders(), body));
    }

    @POST
    @Path("/{endpoint}")
    public Uni<Response> receive(@PathParam("provider") String provider, @PathParam("endpoint") String endpoint,
            String body, @Context HttpHeaders headers) {
        return notifications.receive(provider, new Notification(endpoint, headers.getRequestHeaders(), body));
    }
}
