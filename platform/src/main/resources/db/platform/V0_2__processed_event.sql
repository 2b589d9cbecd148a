-- Idempotent consumption (platform): a consumer records each event id in the same transaction as its effect,
-- so a redelivered event is recognised and has no second effect.
create table processed_event (
    event_id     uuid        primary key,
    event_type   text        not null,
    processed_at timestamptz not null default now()
);
