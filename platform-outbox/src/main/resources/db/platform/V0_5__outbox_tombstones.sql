-- Tombstones (platform Outbox.publishTombstone): a row without a payload is sent as a record with a null value, the
-- way a compacted state topic is told that a key is erased. It takes its place in the same id order as every event.
alter table outbox_event alter column payload drop not null;
