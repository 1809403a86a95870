-- One audit-row shape for every state machine (eventing's Transition: from, to, trigger, source, reason, at): the
-- order log gains who pulled the trigger (USER, EXPIRY_JOB, PAYMENT_EVENT). Rows written before it stay NULL.
ALTER TABLE order_state_log ADD COLUMN source VARCHAR(32) NULL;
