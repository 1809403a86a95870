-- Operators work through alerts: an alert is OPEN until someone acknowledges it (who, when, a note). A repeat of an
-- acknowledged alert only counts (occurrences, last_seen_at); it does not reopen it.
ALTER TABLE payment_alert ADD COLUMN state VARCHAR(16) NOT NULL DEFAULT 'OPEN',
                          ADD COLUMN acknowledged_at DATETIME(3) NULL,
                          ADD COLUMN acknowledged_by VARCHAR(128) NULL,
                          ADD COLUMN note VARCHAR(500) NULL,
                          ADD INDEX ix_payment_alert_state_kind (state, kind, last_seen_at);
