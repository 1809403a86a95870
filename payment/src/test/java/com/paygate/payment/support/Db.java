package com.paygate.payment.support;

import com.paygate.payment.domain.Payment;
import com.paygate.payment.domain.PaymentAlert;
import com.paygate.payment.domain.PaymentTransition;
import com.paygate.eventing.outbox.OutboxEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Supplier;

/** Reads and pokes the database from a test thread. */
public final class Db {

    private Db() {
    }

    public static <T> T tx(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    public static Payment payment(String paySn) {
        return tx(() -> Payment.<Payment>find("paySn", paySn).firstResult());
    }

    public static List<PaymentTransition> transitions(String paySn) {
        return tx(() -> PaymentTransition.<PaymentTransition>list("paySn = ?1 order by id", paySn));
    }

    public static List<PaymentAlert> alerts(String paySn) {
        return tx(() -> PaymentAlert.<PaymentAlert>list("paySn", paySn));
    }

    public static List<OutboxEvent> outbox(String orderSn) {
        return tx(() -> OutboxEvent.<OutboxEvent>list("key = ?1 and topic = 'payment-events' order by id", orderSn));
    }

    public static int update(String hql, Object... params) {
        return tx(() -> Payment.update(hql, params));
    }

    /** A statement in the database's own SQL (DDL included), in a transaction of its own. */
    public static int sql(String statement) {
        return tx(() -> io.quarkus.hibernate.reactive.panache.Panache.getSession()
                .chain(session -> session.createNativeQuery(statement).executeUpdate()));
    }
}
