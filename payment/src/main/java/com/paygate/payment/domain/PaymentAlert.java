package com.paygate.payment.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Provider data that disagrees with ours; never applied, kept for a human. Details never hold secrets. */
@Entity
@Table(name = "payment_alert")
public class PaymentAlert extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "pay_sn")
    public String paySn;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String detail;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
