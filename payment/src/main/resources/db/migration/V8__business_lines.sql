-- Business lines: any service of the company takes payments through signed server-to-server requests and learns
-- the outcome from signed webhooks. The built-in order service is the line 'orders' (no row here: it signs in with
-- the user's JWT and hears of payments on Kafka).
CREATE TABLE app (
    app_id                VARCHAR(32)  NOT NULL PRIMARY KEY,
    name                  VARCHAR(100) NOT NULL,
    webhook_url           VARCHAR(512) NULL,
    allowed_channels      VARCHAR(200) NOT NULL,
    wechat_app            VARCHAR(32)  NULL,
    enabled               BOOLEAN      NOT NULL DEFAULT TRUE,
    webhook_enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    webhook_failing_since DATETIME(3)  NULL,
    webhook_last_failure_at DATETIME(3) NULL,
    created_at            DATETIME(3)  NOT NULL,
    updated_at            DATETIME(3)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- An app's signing secrets, AES-GCM encrypted under payment.apps.secret-key (HMAC needs the secret itself, so it
-- cannot be hashed). Two are active during a rotation: the old one until expires_at.
CREATE TABLE app_secret (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    app_id     VARCHAR(32)  NOT NULL,
    sealed     VARCHAR(255) NOT NULL,
    created_at DATETIME(3)  NOT NULL,
    expires_at DATETIME(3)  NULL,
    INDEX ix_app_secret_app (app_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Nonces of signed requests inside the time window: a second use is a replay. Pruned after they expire.
CREATE TABLE app_nonce (
    app_id     VARCHAR(32) NOT NULL,
    nonce      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    expires_at DATETIME(3) NOT NULL,
    PRIMARY KEY (app_id, nonce),
    INDEX ix_app_nonce_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Idempotency-Key on POST /api/apps/payments: the first response, answered verbatim for 24 h. status 0 while the
-- first request is still running (a key whose request died is taken over after a while). Keys, nonces and order
-- numbers compare byte for byte (ascii_bin): "A1" and "a1" are two orders, as for refund keys (V3).
CREATE TABLE app_idempotency (
    app_id       VARCHAR(32)  NOT NULL,
    idem_key     VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    request_hash CHAR(64)     NOT NULL,
    status       INT          NOT NULL,
    body         MEDIUMTEXT   NULL,
    created_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (app_id, idem_key),
    INDEX ix_app_idempotency_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- An app's order as we know it: one row per (app, bizOrderNo). Creating a payment locks it, so two requests for
-- one order queue instead of opening two payments; metadata is the app's, given back in views and webhooks.
CREATE TABLE app_order (
    app_id       VARCHAR(32)   NOT NULL,
    biz_order_no VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    metadata     TEXT          NULL,
    created_at   DATETIME(3)   NOT NULL,
    PRIMARY KEY (app_id, biz_order_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Which business line a payment belongs to; order_sn is that line's order number (bizOrderNo for apps). payer_app:
-- which of the merchant's WeChat appids the payer pays in (payment.wechat.apps.<name>), NULL for the default one.
-- payer_openid: whose JSAPI prepay it is (a prepay_id is bound to one openid). order_sn compares byte for byte.
ALTER TABLE payment ADD COLUMN app_id VARCHAR(32) NOT NULL DEFAULT 'orders',
                    ADD COLUMN payer_app VARCHAR(32) NULL,
                    ADD COLUMN payer_openid VARCHAR(128) NULL,
                    MODIFY order_sn VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
                    ADD INDEX ix_payment_app_order (app_id, order_sn);

-- Webhooks: one row per event for an app, written in the transaction of the state change it announces (the
-- outbox), delivered at least once by the webhook job. The id is the event id apps dedupe on.
CREATE TABLE webhook_delivery (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id        VARCHAR(36)  NOT NULL,
    app_id          VARCHAR(32)  NOT NULL,
    type            VARCHAR(40)  NOT NULL,
    payload         TEXT         NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3)  NOT NULL,
    last_status     INT          NULL,
    last_error      VARCHAR(255) NULL,
    delivered_at    DATETIME(3)  NULL,
    created_at      DATETIME(3)  NOT NULL,
    CONSTRAINT uk_webhook_delivery_event UNIQUE (event_id),
    INDEX ix_webhook_delivery_due (state, next_attempt_at),
    INDEX ix_webhook_delivery_app (app_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Every try of a delivery: when, the answer's status (NULL when none came), how long it took, what went wrong.
CREATE TABLE webhook_attempt (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id   VARCHAR(36)  NOT NULL,
    attempt    INT          NOT NULL,
    at         DATETIME(3)  NOT NULL,
    status     INT          NULL,
    latency_ms BIGINT       NOT NULL,
    error      VARCHAR(255) NULL,
    INDEX ix_webhook_attempt_event (event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
