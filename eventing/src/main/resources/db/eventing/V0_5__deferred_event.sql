-- Events a consumer cannot apply yet (they overtook the event their state needs), parked until it can: not in
-- processed_event until applied. See eventing's deferral.DeferredEvents.
CREATE TABLE deferred_event (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    consumer        VARCHAR(64)  NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    msg_key         VARCHAR(100) NOT NULL,
    payload         TEXT         NOT NULL,
    reason          VARCHAR(500) NOT NULL,
    deferred_at     DATETIME(3)  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3)  NOT NULL,
    CONSTRAINT uk_deferred_event UNIQUE (consumer, event_id),
    INDEX ix_deferred_event_key (consumer, msg_key),
    INDEX ix_deferred_event_due (next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
