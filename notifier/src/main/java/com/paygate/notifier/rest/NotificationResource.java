package com.paygate.notifier.rest;

import com.paygate.notifier.service.NotificationService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/notifications?orderSn=}: the caller's notifications for one order. Only rows whose user is the
 * token's subject are returned, so another user's order answers an empty list, not 403/404: the API does not
 * reveal whether an order number exists.
 */
@Path("/api/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications", description = "What the user was told about their orders")
public class NotificationResource {

    private final NotificationService notifications;
    private final JsonWebToken jwt;

    public NotificationResource(NotificationService notifications, JsonWebToken jwt) {
        this.notifications = notifications;
        this.jwt = jwt;
    }

    @GET
    @Operation(operationId = "listNotificationsOfOrder", summary = "The caller's notifications about one order")
    @APIResponse(responseCode = "200", description = "The notifications; empty for an order that is not the caller's")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED (orderSn missing or longer than 64)")
    public Uni<List<NotificationView>> forOrder(@QueryParam("orderSn") @NotBlank @Size(max = 64) String orderSn) {
        return notifications.forOrder(orderSn, jwt.getSubject())
                .map(rows -> rows.stream().map(NotificationView::of).toList());
    }
}
