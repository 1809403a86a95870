-- Reconciliation: every day, each provider's bill against our records (README, Reconciliation).

-- One run per provider and bill date (China time). Re-running a date reuses its row: differences already found keep
-- their state, so a re-run changes nothing that is settled. Claimed with a lease (lease_until) by one replica.
CREATE TABLE recon_run (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    provider         VARCHAR(32)  NOT NULL,
    bill_date        DATE         NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  DATETIME(3)  NOT NULL,
    lease_until      DATETIME(3)  NULL,
    started_at       DATETIME(3)  NULL,
    finished_at      DATETIME(3)  NULL,
    error            VARCHAR(500) NULL,
    -- what the bill said (its lines, checked against its own summary)
    bill_payments    BIGINT       NOT NULL DEFAULT 0,
    bill_refunds     BIGINT       NOT NULL DEFAULT 0,
    bill_paid_fen    BIGINT       NOT NULL DEFAULT 0,
    bill_refunded_fen BIGINT      NOT NULL DEFAULT 0,
    bill_fee_milli_fen BIGINT     NOT NULL DEFAULT 0,
    matched          BIGINT       NOT NULL DEFAULT 0,
    differences      BIGINT       NOT NULL DEFAULT 0,
    parse_millis     BIGINT       NOT NULL DEFAULT 0,
    created_at       DATETIME(3)  NOT NULL,
    updated_at       DATETIME(3)  NOT NULL,
    CONSTRAINT uk_recon_run UNIQUE (provider, bill_date),
    INDEX ix_recon_run_due (state, next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- A bill's lines while its run matches them (deleted when the run ends: the provider keeps the bill).
CREATE TABLE recon_line (
    run_id             BIGINT       NOT NULL,
    line_no            INT          NOT NULL,
    kind               VARCHAR(8)   NOT NULL,
    out_trade_no       VARCHAR(64)  NOT NULL,
    out_refund_no      VARCHAR(64)  NULL,
    provider_trade_no  VARCHAR(64)  NULL,
    amount_fen         BIGINT       NOT NULL,
    fee_milli_fen      BIGINT       NOT NULL,
    trade_type         VARCHAR(32)  NULL,
    line_state         VARCHAR(32)  NULL,
    at                 DATETIME(3)  NULL,
    PRIMARY KEY (run_id, line_no),
    INDEX ix_recon_line_trade (run_id, out_trade_no),
    INDEX ix_recon_line_refund (run_id, out_refund_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- A difference between a bill and our records, and how it was settled: SETTLED (a query through the normal path
-- made our records agree) or ALERTED (a payment alert RECON_<kind> waits for a human).
CREATE TABLE recon_item (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    run_id      BIGINT       NOT NULL,
    kind        VARCHAR(32)  NOT NULL,
    pay_sn      VARCHAR(64)  NOT NULL,
    refund_sn   VARCHAR(64)  NOT NULL DEFAULT '',
    bill_fen    BIGINT       NULL,
    our_fen     BIGINT       NULL,
    our_state   VARCHAR(16)  NULL,
    state       VARCHAR(16)  NOT NULL,
    resolution  VARCHAR(500) NULL,
    created_at  DATETIME(3)  NOT NULL,
    updated_at  DATETIME(3)  NOT NULL,
    CONSTRAINT uk_recon_item UNIQUE (run_id, kind, pay_sn, refund_sn),
    INDEX ix_recon_item_state (state)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Per run and channel: what the bill's matched lines add up to (fees and net settlement for finance).
CREATE TABLE recon_total (
    run_id          BIGINT       NOT NULL,
    channel         VARCHAR(32)  NOT NULL,
    payments        BIGINT       NOT NULL,
    paid_fen        BIGINT       NOT NULL,
    refunds         BIGINT       NOT NULL,
    refunded_fen    BIGINT       NOT NULL,
    fee_milli_fen   BIGINT       NOT NULL,
    PRIMARY KEY (run_id, channel)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Our side of a day: payments paid and refunds succeeded in a window, per provider.
CREATE INDEX ix_payment_provider_paid ON payment (provider, paid_at);
CREATE INDEX ix_refund_provider_succeeded ON refund (provider, succeeded_at);
