-- Orders: priced on the server from the catalog, numbered by snowflake ids, changed only through the state
-- machine. Every change bumps `version` (optimistic lock) and writes an order_state_log row.
CREATE TABLE orders (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_sn      VARCHAR(32)  NOT NULL,
    user_id       VARCHAR(64)  NOT NULL,
    openid        VARCHAR(128) NULL,
    product_id    BIGINT       NOT NULL,
    title         VARCHAR(100) NOT NULL,
    quantity      INT          NOT NULL,
    amount_fen    BIGINT       NOT NULL,
    remark        VARCHAR(200) NULL,
    state         VARCHAR(16)  NOT NULL,
    version       BIGINT       NOT NULL DEFAULT 0,
    redeem_code   VARCHAR(16)  NULL,
    pay_sn        VARCHAR(64)  NULL,
    paid_at       DATETIME(3)  NULL,
    refund_flag   BOOLEAN      NOT NULL DEFAULT FALSE,
    refund_reason VARCHAR(255) NULL,
    created_at    DATETIME(3)  NOT NULL,
    expire_at     DATETIME(3)  NOT NULL,
    updated_at    DATETIME(3)  NOT NULL,
    CONSTRAINT uk_orders_order_sn UNIQUE (order_sn),
    CONSTRAINT ck_orders_quantity CHECK (quantity BETWEEN 1 AND 99),
    CONSTRAINT ck_orders_amount CHECK (amount_fen > 0),
    -- "my orders, newest first"
    INDEX ix_orders_user_created (user_id, created_at),
    -- the expiry job: WAIT_PAY rows past expire_at
    INDEX ix_orders_state_expire (state, expire_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE order_state_log (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_sn   VARCHAR(32)  NOT NULL,
    from_state VARCHAR(16)  NULL,
    to_state   VARCHAR(16)  NOT NULL,
    event      VARCHAR(32)  NOT NULL,
    reason     VARCHAR(255) NULL,
    changed_at DATETIME(3)  NOT NULL,
    INDEX ix_order_state_log_order (order_sn, id),
    CONSTRAINT fk_order_state_log_order FOREIGN KEY (order_sn) REFERENCES orders (order_sn)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
