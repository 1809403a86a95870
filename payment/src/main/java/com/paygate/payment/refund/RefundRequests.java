package com.paygate.payment.refund;

import com.fasterxml.jackson.databind.JsonNode;
import com.paygate.eventing.inbox.Inbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * ORDER_REFUND_REQUESTED {eventId, orderSn, paySn, userId, amountFen, reason}: refund that payment in full. The
 * inbox row and the refund row commit together, so a redelivered event creates nothing; the provider is called
 * after the commit and an unknown outcome is left to RefundJobs, so the message is always acknowledged.
 */
@ApplicationScoped
public class RefundRequests {

    public static final String TYPE = "ORDER_REFUND_REQUESTED";
    static final String CONSUMER = "payment-service:order-refunds";
    private static final Logger LOG = Logger.getLogger(RefundRequests.class);

    private final Inbox inbox;
    private final RefundService service;

    public RefundRequests(Inbox inbox, RefundService service) {
        this.inbox = inbox;
        this.service = service;
    }

    public Uni<Void> handle(JsonNode event) {
        String eventId = event.path("eventId").asText("");
        String orderSn = event.path("orderSn").asText("");
        String paySn = event.path("paySn").asText("");
        String reason = event.path("reason").asText("");
        if (eventId.isEmpty() || orderSn.isEmpty() || paySn.isEmpty()) {
            LOG.warnf("Ignoring %s without eventId/orderSn/paySn", TYPE);
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, eventId).chain(first -> {
            if (!first) {
                LOG.infof("%s %s for %s already handled", TYPE, eventId, paySn);
                return Uni.createFrom().<Refund>nullItem();
            }
            return service.createFullRefund(paySn, orderSn, reason.isEmpty() ? null : reason);
        }))
                .chain(refund -> refund == null ? Uni.createFrom().voidItem() : service.submit(refund).replaceWithVoid())
                .onFailure().recoverWithUni(f -> {
                    LOG.warnf("Handling %s %s for %s failed: %s", TYPE, eventId, paySn, f.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }
}
