-- One row per attempt to pay an order through one channel. pay_sn is our out_trade_no at the provider.
CREATE TABLE payment (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    pay_sn           VARCHAR(32)  NOT NULL,
    order_sn         VARCHAR(64)  NOT NULL,
    user_id          VARCHAR(64)  NOT NULL,
    channel          VARCHAR(32)  NOT NULL,
    provider         VARCHAR(32)  NOT NULL,
    amount_fen       BIGINT       NOT NULL,
    subject          VARCHAR(128) NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    state_desc       VARCHAR(255) NULL,
    version          BIGINT       NOT NULL DEFAULT 0,
    transaction_id   VARCHAR(64)  NULL,
    prepay_id        VARCHAR(128) NULL,
    prepay_url       VARCHAR(1024) NULL,
    prepay_expire_at DATETIME(3)  NULL,
    expire_at        DATETIME(3)  NOT NULL,
    paid_at          DATETIME(3)  NULL,
    last_queried_at  DATETIME(3)  NULL,
    created_at       DATETIME(3)  NOT NULL,
    updated_at       DATETIME(3)  NOT NULL,
    CONSTRAINT uk_payment_pay_sn UNIQUE (pay_sn),
    INDEX ix_payment_order (order_sn, channel, state),
    INDEX ix_payment_state_expire (state, expire_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Every state change, written in the transaction that makes it.
CREATE TABLE payment_transition (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    pay_sn     VARCHAR(32)  NOT NULL,
    from_state VARCHAR(16)  NOT NULL,
    to_state   VARCHAR(16)  NOT NULL,
    source     VARCHAR(32)  NOT NULL,
    at         DATETIME(3)  NOT NULL,
    INDEX ix_payment_transition_pay_sn (pay_sn)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Things a human must look at: provider data that disagrees with ours (amount, merchant), illegal transitions.
CREATE TABLE payment_alert (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    pay_sn     VARCHAR(64)  NULL,
    kind       VARCHAR(64)  NOT NULL,
    detail     VARCHAR(1000) NOT NULL,
    created_at DATETIME(3)  NOT NULL,
    INDEX ix_payment_alert_pay_sn (pay_sn)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
