package com.paygate.payment.messaging;

import com.paygate.eventing.consumer.ConsumerRetry;
import com.paygate.eventing.inbox.Inbox;
import com.paygate.payment.domain.Refund;
import com.paygate.payment.service.RefundService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * ORDER_REFUND_REQUESTED {eventId, orderSn, paySn, userId, amountFen, reason}: refund that payment in full. The
 * inbox row and the refund row commit together, so a redelivered event creates nothing. That transaction is
 * retried until it commits ({@link ConsumerRetry}): a database outage delays the refund, never drops it. The
 * provider is called after the commit and an unknown outcome is left to RefundJobs (the refund is stored).
 */
@ApplicationScoped
public class RefundRequests {

    public static final String TYPE = "ORDER_REFUND_REQUESTED";
    static final String CONSUMER = "payment-service:order-refunds";
    private static final Logger LOG = Logger.getLogger(RefundRequests.class);

    private final Inbox inbox;
    private final RefundService service;
    private final ConsumerRetry retry;

    public RefundRequests(Inbox inbox, RefundService service, ConsumerRetry retry) {
        this.inbox = inbox;
        this.service = service;
        this.retry = retry;
    }

    /** @param event an ORDER_REFUND_REQUESTED without {@link OrderEvent#defect()} */
    public Uni<Void> handle(OrderEvent event) {
        String eventId = event.eventId();
        String orderSn = event.orderSn();
        String paySn = event.paySn();
        String reason = event.reason() == null ? "" : event.reason();
        return retry.untilApplied(CONSUMER, TYPE + " " + eventId + " for " + paySn,
                        () -> Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, eventId).chain(first -> {
                            if (!first) {
                                LOG.infof("%s %s for %s already handled", TYPE, eventId, paySn);
                                return Uni.createFrom().<Refund>nullItem();
                            }
                            return service.createFullRefund(paySn, orderSn, reason.isEmpty() ? null : reason);
                        })))
                .chain(refund -> refund == null ? Uni.createFrom().voidItem() : service.submit(refund)
                        .onFailure().recoverWithUni(f -> {
                            // Stored PROCESSING: the refund job sends or settles it.
                            LOG.warnf("Refund %s stored, its submission failed; the refund job takes it: %s", refund.refundSn, f.getMessage());
                            return Uni.createFrom().nullItem();
                        })
                        .replaceWithVoid());
    }
}
