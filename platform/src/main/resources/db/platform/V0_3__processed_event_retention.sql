-- processed_event is pruned by age (ProcessedEventsRetention): find the old ids without reading the whole table.
create index processed_event_processed_at on processed_event (processed_at);
