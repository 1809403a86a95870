-- A provider's SUCCESS for a payment we had closed is money received: it is applied (CLOSED -> SUCCESS) and marked,
-- so operators and reconciliation can tell it from an ordinary success (order refunds it through LATE_PAYMENT).
ALTER TABLE payment ADD COLUMN paid_after_close BOOLEAN NOT NULL DEFAULT FALSE;

-- One alert per payment, kind and subject (a refund number for refund alerts): a provider re-sending the same bad
-- notification counts occurrences on one row. Defaults keep inserts of a replica still on the old version working.
ALTER TABLE payment_alert ADD COLUMN subject VARCHAR(64) NOT NULL DEFAULT '',
                          ADD COLUMN occurrences INT NOT NULL DEFAULT 1,
                          ADD COLUMN last_seen_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3);
UPDATE payment_alert SET last_seen_at = created_at;
-- Existing duplicates fold into their first row, which keeps their count and the last time they were seen.
UPDATE payment_alert a
    JOIN (SELECT MIN(id) AS id, COUNT(*) AS n, MAX(created_at) AS last_at FROM payment_alert
          WHERE pay_sn IS NOT NULL GROUP BY pay_sn, kind) d ON a.id = d.id
    SET a.occurrences = d.n, a.last_seen_at = d.last_at;
DELETE a FROM payment_alert a JOIN payment_alert b
    ON a.pay_sn = b.pay_sn AND a.kind = b.kind AND a.id > b.id;
ALTER TABLE payment_alert ADD UNIQUE KEY ux_payment_alert_pay_sn_kind_subject (pay_sn, kind, subject),
                          DROP INDEX ix_payment_alert_pay_sn;
