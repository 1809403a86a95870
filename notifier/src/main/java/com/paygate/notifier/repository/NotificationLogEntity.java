package com.paygate.notifier.repository;

import com.paygate.notifier.domain.NotificationState;
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

/** One notification per event: its state, attempts and the original event (kept for retries and the dead letter). */
@Entity
@Table(name = "notification_log")
public class NotificationLogEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, length = 64)
    public String eventId;

    @Column(name = "event_type", nullable = false, length = 32)
    public String eventType;

    @Column(name = "order_sn", nullable = false, length = 64)
    public String orderSn;

    @Column(name = "user_id", nullable = false, length = 64)
    public String userId;

    @Column(length = 16)
    public String channel;

    @Column(length = 128)
    public String recipient;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public NotificationState state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error", length = 500)
    public String lastError;

    @Column(name = "provider_msg_id", length = 64)
    public String providerMessageId;

    @Column(nullable = false, columnDefinition = "TEXT")
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "sent_at")
    public Instant sentAt;
}
