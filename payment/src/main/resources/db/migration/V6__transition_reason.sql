-- One audit-row shape for every state machine (eventing's Transition: from, to, trigger, source, reason, at): the
-- payment and refund logs gain the reason (the provider's state description, or why we moved it). Their trigger is
-- the state reported, i.e. to_state.
ALTER TABLE payment_transition ADD COLUMN reason VARCHAR(255) NULL;
ALTER TABLE refund_transition ADD COLUMN reason VARCHAR(255) NULL;
