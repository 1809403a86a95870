package com.paygate.payment.webhook;

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

/** One webhook event for one app and how its delivery goes; written with the state change it announces. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    public enum State {
        /** Due at nextAttemptAt (also while a job holds it: the lease moves nextAttemptAt ahead). */
        PENDING,
        /** The endpoint answered 2xx. */
        DELIVERED,
        /** Every retry failed; a resend makes it PENDING again. */
        FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The event's id, which the app dedupes on (delivery is at least once). */
    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "app_id", nullable = false)
    public String appId;

    @Column(nullable = false)
    public String type;

    /** The JSON body sent, byte for byte on every try: {id, type, createdAt, data}. */
    @Column(nullable = false)
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
