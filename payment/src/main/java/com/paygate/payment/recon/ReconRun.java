package com.paygate.payment.recon;

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
import java.time.LocalDate;

/** One provider's bill of one day against our records. One row per (provider, date): a re-run reuses it. */
@Entity
@Table(name = "recon_run")
public class ReconRun extends PanacheEntityBase {

    public enum State {
        /** Waiting for a replica to run it (first time, re-run asked for, or after a failure once next_attempt_at). */
        PENDING,
        RUNNING,
        DONE,
        /** The last attempt failed (error says why); tried again at next_attempt_at. */
        FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String provider;

    @Column(name = "bill_date", nullable = false)
    public LocalDate billDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public String error;

    @Column(name = "bill_payments", nullable = false)
    public long billPayments;

    @Column(name = "bill_refunds", nullable = false)
    public long billRefunds;

    @Column(name = "bill_paid_fen", nullable = false)
    public long billPaidFen;

    @Column(name = "bill_refunded_fen", nullable = false)
    public long billRefundedFen;

    @Column(name = "bill_fee_milli_fen", nullable = false)
    public long billFeeMilliFen;

    /** Bill lines that agree with our records. */
    @Column(nullable = false)
    public long matched;

    @Column(nullable = false)
    public long differences;

    /** How long reading and staging the bill took (the bill's size over this is the parse rate). */
    @Column(name = "parse_millis", nullable = false)
    public long parseMillis;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
