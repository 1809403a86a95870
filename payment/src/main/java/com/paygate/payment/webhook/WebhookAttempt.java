package com.paygate.payment.webhook;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One try of a webhook delivery: the delivery log apps and operators read. */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(nullable = false)
    public int attempt;

    @Column(nullable = false)
    public Instant at;

    /** The answer's HTTP status; null when none came (refused, timed out). */
    public Integer status;

    @Column(name = "latency_ms", nullable = false)
    public long latencyMs;

    public String error;
}
