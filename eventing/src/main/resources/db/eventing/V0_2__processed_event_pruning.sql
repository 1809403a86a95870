-- The inbox is pruned by age (InboxPruning): the index lets each batch find the oldest rows without a scan.
CREATE INDEX ix_processed_event_processed_at ON processed_event (processed_at);
