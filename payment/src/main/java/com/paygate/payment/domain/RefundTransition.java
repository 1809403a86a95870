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
import java.time.Instant;

@Entity
@Table(name = "refund_transition")
public class RefundTransition extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "refund_sn", nullable = false)
    public String refundSn;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_state", nullable = false)
    public RefundState from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", nullable = false)
    public RefundState to;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TransitionSource source;

    /** The provider's state description, or why we moved it; clipped to 255. */
    @Column
    public String reason;

    @Column(nullable = false)
    public Instant at;
}
