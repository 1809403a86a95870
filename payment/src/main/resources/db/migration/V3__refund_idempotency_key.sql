-- The operator's Idempotency-Key of an admin refund (NULL for refunds the order service asked for). Scoped to the
-- payment: the refund endpoint is a sub-resource of the payment, and every refund of a payment is created under
-- that payment's row lock, so "is this key already used here?" and the insert are one atomic step; this unique
-- index is the backstop. NULLs do not collide. ascii_bin: keys are case-sensitive ([A-Za-z0-9_-]{1,64}), the
-- table's default utf8mb4_general_ci collation would make "Ab" and "aB" the same key.
ALTER TABLE refund ADD COLUMN idempotency_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL;
CREATE UNIQUE INDEX uk_refund_pay_sn_idempotency_key ON refund (pay_sn, idempotency_key);
