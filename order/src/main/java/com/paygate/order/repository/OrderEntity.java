package com.paygate.order.repository;

import com.paygate.order.domain.OrderState;
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

/**
 * An order as stored. {@code state} must only be changed through {@code OrderTransitions}, which checks the
 * transition table and writes the state log; {@link #version} makes every update conditional on the version
 * read ({@code ... WHERE id = ? AND version = ?}), so concurrent changes cannot overwrite each other.
 */
@Entity
@Table(name = "orders")
public class OrderEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "order_sn", nullable = false, updatable = false, length = 32)
    public String orderSn;

    @Column(name = "user_id", nullable = false, updatable = false, length = 64)
    public String userId;

    @Column(length = 128, updatable = false)
    public String openid;

    @Column(name = "product_id", nullable = false, updatable = false)
    public long productId;

    @Column(nullable = false, updatable = false, length = 100)
    public String title;

    @Column(nullable = false, updatable = false)
    public int quantity;

    @Column(name = "amount_fen", nullable = false, updatable = false)
    public long amountFen;

    @Column(length = 200, updatable = false)
    public String remark;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public OrderState state;

    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "redeem_code", length = 16)
    public String redeemCode;

    @Column(name = "pay_sn", length = 64)
    public String paySn;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "refund_flag", nullable = false)
    public boolean refundFlag;

    @Column(name = "refund_reason")
    public String refundReason;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "expire_at", nullable = false, updatable = false)
    public Instant expireAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
