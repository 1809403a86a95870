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

/** A difference between a provider's bill and our records, and how it was settled. */
@Entity
@Table(name = "recon_item")
public class ReconItem extends PanacheEntityBase {

    public enum Kind {
        /** Paid at the provider; unknown here, or not paid here. Settled by a query through the normal path. */
        PAYMENT_PROVIDER_ONLY,
        /** Paid here, absent from the bill: queried, then alerted. */
        PAYMENT_OURS_ONLY,
        PAYMENT_AMOUNT_DIFFERS,
        /** Refunded at the provider; unknown here, or not settled here. A refund still processing here is queried. */
        REFUND_PROVIDER_ONLY,
        REFUND_OURS_ONLY,
        REFUND_AMOUNT_DIFFERS
    }

    public enum State {
        /** Found; not looked at yet. */
        OPEN,
        /** A query through the normal path made our records agree with the bill. */
        SETTLED,
        /** A payment alert RECON_<kind> waits for a human. */
        ALERTED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "run_id", nullable = false)
    public long runId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "pay_sn", nullable = false)
    public String paySn;

    /** The refund's number for refund differences; empty for payments. */
    @Column(name = "refund_sn", nullable = false)
    public String refundSn;

    /** What the bill says (null: absent from it). */
    @Column(name = "bill_fen")
    public Long billFen;

    /** What we recorded (null: no record). */
    @Column(name = "our_fen")
    public Long ourFen;

    /** Our state when the difference was found. */
    @Column(name = "our_state")
    public String ourState;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    public String resolution;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
