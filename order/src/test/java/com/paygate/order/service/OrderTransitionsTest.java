package com.paygate.order.service;

import static com.paygate.order.OrderTestSupport.allStateLogRows;
import static com.paygate.order.OrderTestSupport.createOrder;
import static com.paygate.order.OrderTestSupport.newUser;
import static com.paygate.order.OrderTestSupport.state;
import static com.paygate.order.OrderTestSupport.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.paygate.eventing.transition.IllegalTransitionException;
import com.paygate.order.OrderTestSupport;
import com.paygate.order.domain.OrderTrigger;
import com.paygate.order.repository.OrderRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The versioned update and the table guard, against the real database. */
@QuarkusTest
class OrderTransitionsTest {

    @Inject
    OrderRepository orders;

    @Inject
    OrderTransitions transitions;

    @Inject
    Pool pool;

    @Test
    void aChangeMadeSinceTheOrderWasReadMakesTheUpdateFailAndChangeNothing() {
        String user = newUser();
        String sn = createOrder(user, 1, 1).getString("orderSn");
        long logRows = allStateLogRows(sn);

        // Read the order, then let "someone else" bump its version on another connection before we write.
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> OrderTestSupport.await(
                () -> Panache.withTransaction(() -> orders.findBySn(sn)
                        .call(order -> pool.preparedQuery("UPDATE orders SET version = version + 1 WHERE order_sn = ?")
                                .execute(Tuple.of(sn)))
                        .chain(order -> transitions.apply(order, OrderTrigger.CANCEL, "test")))));
        assertTrue(failure.getCause() instanceof ConcurrentOrderUpdateException, String.valueOf(failure.getCause()));
        assertEquals(409, ((ConcurrentOrderUpdateException) failure.getCause()).status());

        assertEquals("WAIT_PAY", state(user, sn));
        assertEquals(1, version(sn), "only the other writer's bump");
        assertEquals(logRows, allStateLogRows(sn), "no log row for a change that did not happen");
    }

    @Test
    void aTransitionTheTableForbidsWritesNothing() {
        String user = newUser();
        String sn = createOrder(user, 1, 1).getString("orderSn");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> OrderTestSupport.await(
                () -> Panache.withTransaction(() -> orders.findBySn(sn)
                        .chain(order -> transitions.apply(order, OrderTrigger.REDEEM, "test", o -> o.redeemCode = "x")))));
        assertTrue(failure.getCause() instanceof IllegalTransitionException, String.valueOf(failure.getCause()));
        assertEquals(0, version(sn));
        assertEquals(1, allStateLogRows(sn));
        org.junit.jupiter.api.Assertions.assertNull(OrderTestSupport.column(sn, "redeem_code"));
    }

    @Test
    void everyMoveIsLoggedWithItsTriggerSourceAndReason() {
        String user = newUser();
        String sn = createOrder(user, 1, 1).getString("orderSn");
        OrderTestSupport.await(() -> Panache.withTransaction(() -> orders.findBySn(sn)
                .chain(order -> transitions.apply(order, OrderTrigger.CANCEL, "cancelled in a test"))));
        assertEquals("CANCEL", OrderTestSupport.logColumn(sn, "CANCELLED", "event"));
        assertEquals("USER", OrderTestSupport.logColumn(sn, "CANCELLED", "source"));
        assertEquals("cancelled in a test", OrderTestSupport.logColumn(sn, "CANCELLED", "reason"));
        assertEquals("WAIT_PAY", OrderTestSupport.logColumn(sn, "CANCELLED", "from_state"));
    }
}
