-- The trace an outbox row was written in (W3C traceparent), so the relay publishes it in that trace instead of its
-- own poll's: one payment is one trace from the provider's callback to the user's message.
ALTER TABLE outbox_event ADD COLUMN trace_parent VARCHAR(55) NULL;
