package com.paygate.payment.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Provider data that disagrees with ours, or money that needs a look; kept for a human. One row per payment, kind and subject:
 * a repeat (WeChat re-sends a refused notification up to 15 times) counts in {@code occurrences}. Details never hold secrets.
 */
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

    /** What of the payment the alert is about (a refund number), or empty: one alert per payment, kind and subject. */
    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String detail;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public int occurrences;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;
}
