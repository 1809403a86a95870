-- Shared by every service that publishes through the outbox or consumes idempotently.
-- Versions 0.x are reserved for these tables; a service's own migrations start at 1.
CREATE TABLE outbox_event (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id        VARCHAR(36)  NOT NULL,
    topic           VARCHAR(100) NOT NULL,
    msg_key         VARCHAR(100) NOT NULL,
    event_type      VARCHAR(64)  NOT NULL,
    payload         TEXT         NOT NULL,
    created_at      DATETIME(3)  NOT NULL,
    next_attempt_at DATETIME(3)  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    sent_at         DATETIME(3)  NULL,
    last_error      VARCHAR(500) NULL,
    CONSTRAINT uk_outbox_event_id UNIQUE (event_id),
    INDEX ix_outbox_due (sent_at, next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE processed_event (
    consumer     VARCHAR(64) NOT NULL,
    event_id     VARCHAR(64) NOT NULL,
    processed_at DATETIME(3) NOT NULL,
    PRIMARY KEY (consumer, event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
