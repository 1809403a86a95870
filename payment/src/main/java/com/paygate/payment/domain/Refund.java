package com.paygate.payment.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** One refund of a payment. State changes go through RefundTransitions only (versioned update + log row). */
@Entity
@Table(name = "refund")
public class Refund extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Our out_refund_no at the provider. */
    @Column(name = "refund_sn", nullable = false, length = 64)
    public String refundSn;

    @Column(name = "pay_sn", nullable = false, length = 32)
    public String paySn;

    @Column(name = "order_sn", nullable = false)
    public String orderSn;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String provider;

    @Column(name = "amount_fen", nullable = false)
    public long amountFen;

    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RefundState state;

    @Column(name = "state_desc")
    public String stateDesc;

    /** ORDER_EVENT (the order service asked) or ADMIN (an operator, with the operator's id). */
    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    /** The operator's Idempotency-Key (admin refunds only; unique per payment). */
    @Column(name = "idempotency_key", length = 64)
    public String idempotencyKey;

    @Column(name = "provider_refund_id")
    public String providerRefundId;

    @Version
    public long version;

    @Column(name = "succeeded_at")
    public Instant succeededAt;

    @Column(name = "last_queried_at")
    public Instant lastQueriedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
