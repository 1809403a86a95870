package com.paygate.order.repository;

import com.paygate.order.domain.OrderState;
import com.paygate.order.domain.OrderTrigger;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row per state change, written in the same transaction as the change: the order's audit trail. */
@Entity
@Table(name = "order_state_log")
public class OrderStateLog extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "order_sn", nullable = false, updatable = false, length = 32)
    public String orderSn;

    /** Null for the creation row. */
    @Enumerated(EnumType.STRING)
    @Column(name = "from_state", updatable = false, length = 16)
    public OrderState fromState;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", nullable = false, updatable = false, length = 16)
    public OrderState toState;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 32)
    public OrderTrigger event;

    @Column(updatable = false)
    public String reason;

    /** Who pulled the trigger (USER, EXPIRY_JOB, PAYMENT_EVENT); null on rows older than the column. */
    @Column(updatable = false, length = 32)
    public String source;

    @Column(name = "changed_at", nullable = false, updatable = false)
    public Instant changedAt;
}
