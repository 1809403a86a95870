-- A provider's SUCCESS for a payment we had closed is money received: it is applied (CLOSED -> SUCCESS) and marked,
-- so operators and reconciliation can tell it from an ordinary success (order refunds it through LATE_PAYMENT).
ALTER TABLE payment ADD COLUMN paid_after_close BOOLEAN NOT NULL DEFAULT FALSE;

-- One alert per payment and kind: a provider re-sending the same bad notification counts occurrences on one row.
ALTER TABLE payment_alert ADD COLUMN occurrences INT NOT NULL DEFAULT 1,
                          ADD COLUMN last_seen_at DATETIME(3) NULL;
DELETE a FROM payment_alert a JOIN payment_alert b
    ON a.pay_sn = b.pay_sn AND a.kind = b.kind AND a.id > b.id;
UPDATE payment_alert SET last_seen_at = created_at WHERE last_seen_at IS NULL;
ALTER TABLE payment_alert MODIFY last_seen_at DATETIME(3) NOT NULL,
                          ADD UNIQUE KEY ux_payment_alert_pay_sn_kind (pay_sn, kind);
