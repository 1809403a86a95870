-- One row per consumed event that asks for a notification. event_id is unique: the row is claimed (inserted)
-- before anything is sent, so a redelivered or concurrently delivered event finds it and sends nothing.
CREATE TABLE notification_log (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id        VARCHAR(64)  NOT NULL,
    event_type      VARCHAR(32)  NOT NULL,
    order_sn        VARCHAR(64)  NOT NULL,
    user_id         VARCHAR(64)  NOT NULL,
    channel         VARCHAR(16)  NULL,
    recipient       VARCHAR(128) NULL,
    state           VARCHAR(16)  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3)  NULL,
    last_error      VARCHAR(500) NULL,
    provider_msg_id VARCHAR(64)  NULL,
    payload         TEXT         NOT NULL,
    created_at      DATETIME(3)  NOT NULL,
    updated_at      DATETIME(3)  NOT NULL,
    sent_at         DATETIME(3)  NULL,
    CONSTRAINT uk_notification_event UNIQUE (event_id),
    INDEX ix_notification_due (state, next_attempt_at),
    INDEX ix_notification_order (order_sn, user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
