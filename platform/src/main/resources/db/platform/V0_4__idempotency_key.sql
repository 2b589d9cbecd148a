-- Idempotent creates (platform IdempotencyKeys): a creating request sent with an Idempotency-Key header is carried
-- out once per caller, operation and key, in the same transaction as what it creates; a resend answers with what
-- the first one created. Rows are kept a day (AgeRetention), found by age through the index.
create table idempotency_key (
    team_id      uuid        not null,
    user_id      uuid        not null,
    operation    text        not null,
    key          text        not null,
    request_hash text        not null,
    resource_id  uuid        not null,
    created_at   timestamptz not null default now(),
    primary key (team_id, user_id, operation, key)
);
create index idempotency_key_created_at on idempotency_key (created_at);
