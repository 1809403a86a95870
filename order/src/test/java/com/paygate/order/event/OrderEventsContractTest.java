package com.paygate.order.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.paygate.eventing.outbox.OutboxEvent;
import com.paygate.order.OrderTestSupport;
import com.paygate.order.repository.OrderEntity;
import com.paygate.testing.EventContract;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Producer side of order-events: every record {@link OrderEventPublisher} writes to the outbox (the payloads as they
 * will be sent) validates against the topic's schema, with and without an openid, and order publishes exactly the
 * types the schema lists.
 */
@QuarkusTest
class OrderEventsContractTest {

    static final EventContract CONTRACT = EventContract.of(OrderEventPublisher.TOPIC);

    @Inject
    OrderEventPublisher publisher;

    @Test
    void everyRecordOrderPublishesMatchesTheSchema() {
        Set<String> published = new TreeSet<>();
        for (String openid : new String[] {"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", null}) {
            OrderEntity o = order(openid);
            OrderTestSupport.await(() -> Panache.withTransaction(() -> publisher.paid(o)
                    .chain(() -> publisher.cancelled(o))
                    .chain(() -> publisher.expired(o))
                    .chain(() -> publisher.refundRequested(o, o.paySn, o.amountFen, "user: plans changed"))
                    .chain(() -> publisher.refundRequested(o, o.paySn, o.amountFen, null))
                    .chain(() -> publisher.refunded(o, o.amountFen))
                    .chain(() -> publisher.refundFailed(o))));
            List<OutboxEvent> rows = OrderTestSupport.await(() -> Panache.withSession(
                    () -> OutboxEvent.<OutboxEvent>list("key = ?1 order by id", o.orderSn)));
            assertEquals(7, rows.size());
            for (OutboxEvent row : rows) {
                CONTRACT.assertValid(row.payload);
                published.add(row.type);
            }
        }
        assertEquals(new TreeSet<>(CONTRACT.types()), published, "order publishes exactly the types of the contract");
    }

    private static OrderEntity order(String openid) {
        OrderEntity o = new OrderEntity();
        o.orderSn = "C" + System.nanoTime();
        o.userId = "user-" + System.nanoTime();
        o.openid = openid;
        o.title = "Lakeside room, 1 night";
        o.amountFen = 8800;
        o.redeemCode = "K7Q2M9XZ";
        o.paySn = "P" + System.nanoTime();
        o.paidAt = Instant.now();
        return o;
    }
}
