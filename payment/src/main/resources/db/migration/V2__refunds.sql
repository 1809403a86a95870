-- What has been refunded of a payment (sum of its SUCCESS refunds), kept on the payment row that every refund
-- locks: the over-refund check and this total change under the same row lock.
ALTER TABLE payment ADD COLUMN refunded_fen BIGINT NOT NULL DEFAULT 0;

-- One row per refund request. refund_sn is our out_refund_no (WeChat) / out_request_no (Alipay).
CREATE TABLE refund (
    id                 BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    refund_sn          VARCHAR(64)  NOT NULL,
    pay_sn             VARCHAR(32)  NOT NULL,
    order_sn           VARCHAR(64)  NOT NULL,
    user_id            VARCHAR(64)  NOT NULL,
    provider           VARCHAR(32)  NOT NULL,
    amount_fen         BIGINT       NOT NULL,
    reason             VARCHAR(200) NULL,
    state              VARCHAR(16)  NOT NULL,
    state_desc         VARCHAR(255) NULL,
    requested_by       VARCHAR(32)  NOT NULL,
    provider_refund_id VARCHAR(64)  NULL,
    version            BIGINT       NOT NULL DEFAULT 0,
    succeeded_at       DATETIME(3)  NULL,
    last_queried_at    DATETIME(3)  NULL,
    created_at         DATETIME(3)  NOT NULL,
    updated_at         DATETIME(3)  NOT NULL,
    CONSTRAINT uk_refund_refund_sn UNIQUE (refund_sn),
    INDEX ix_refund_pay_sn (pay_sn, state),
    INDEX ix_refund_state_created (state, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Every refund state change, written in the transaction that makes it.
CREATE TABLE refund_transition (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    refund_sn  VARCHAR(64)  NOT NULL,
    from_state VARCHAR(16)  NOT NULL,
    to_state   VARCHAR(16)  NOT NULL,
    source     VARCHAR(32)  NOT NULL,
    at         DATETIME(3)  NOT NULL,
    INDEX ix_refund_transition_refund_sn (refund_sn)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
