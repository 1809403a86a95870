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

    /** OPEN until an operator acknowledges it; a repeat does not reopen it. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    /** The operator (the token's subject). */
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    /** What the operator found or did. */
    public String note;

    public enum State {
        OPEN,
        ACKNOWLEDGED
    }
}
