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
import jakarta.persistence.Version;
import java.time.Instant;

/** The payment record. State changes go through PaymentTransitions only (versioned update + log row). */
@Entity
@Table(name = "payment")
public class Payment extends PanacheEntityBase {

    /** The business line of the built-in order service: user JWTs, Kafka events (the others are apps, see app/). */
    public static final String BUILT_IN_APP = "orders";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "pay_sn", nullable = false, length = 32)
    public String paySn;

    /** Which business line asked for this payment (BUILT_IN_APP or an app). */
    @Column(name = "app_id", nullable = false)
    public String appId = BUILT_IN_APP;

    /** The business line's order number: the order service's orderSn, an app's bizOrderNo. */
    @Column(name = "order_sn", nullable = false)
    public String orderSn;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(nullable = false)
    public String provider;

    /**
     * Which of the merchant's apps at the provider the payer pays in (payment.wechat.apps.<name>); null for the
     * merchant's default appid. A WeChat openid belongs to one appid, so JSAPI must use that one.
     */
    @Column(name = "payer_app")
    public String payerApp;

    /** The payer's openid for WECHAT_JSAPI (its prepay_id is bound to it); null for other channels. */
    @Column(name = "payer_openid")
    public String payerOpenid;

    @Column(name = "amount_fen", nullable = false)
    public long amountFen;

    @Column(nullable = false)
    public String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PaymentState state;

    @Column(name = "state_desc")
    public String stateDesc;

    @Version
    public long version;

    @Column(name = "transaction_id")
    public String transactionId;

    /** WeChat prepay_id (JSAPI). */
    @Column(name = "prepay_id")
    public String prepayId;

    /** WeChat h5_url / code_url, Alipay pay URL. */
    @Column(name = "prepay_url")
    public String prepayUrl;

    @Column(name = "prepay_expire_at")
    public Instant prepayExpireAt;

    @Column(name = "expire_at", nullable = false)
    public Instant expireAt;

    @Column(name = "paid_at")
    public Instant paidAt;

    /** Sum of this payment's SUCCESS refunds (changed only under the payment's row lock, see refund/). */
    @Column(name = "refunded_fen", nullable = false)
    public long refundedFen;

    /** SUCCESS reached from CLOSED: the provider took the money after we had closed the payment. */
    @Column(name = "paid_after_close", nullable = false)
    public boolean paidAfterClose;

    @Column(name = "last_queried_at")
    public Instant lastQueriedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean builtIn() {
        return BUILT_IN_APP.equals(appId);
    }

    public boolean hasValidPrepay(Instant now) {
        return (prepayId != null || prepayUrl != null) && prepayExpireAt != null && prepayExpireAt.isAfter(now);
    }
}
