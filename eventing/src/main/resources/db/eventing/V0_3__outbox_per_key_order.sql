-- The relay claims only the oldest unsent row of each key (OutboxRelay#claimDue): this index answers "is there an
-- earlier unsent row of this key?" without a scan.
CREATE INDEX ix_outbox_key_unsent ON outbox_event (msg_key, topic, sent_at, id);
