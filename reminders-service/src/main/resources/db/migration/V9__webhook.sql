-- Webhooks: members' (and, made by an admin, the team's) HTTP endpoints that receive signed deliveries of their
-- reminders and cooling relationships, and the log of those deliveries, which is also the worker's queue.

create table webhook (
    id          uuid        primary key,
    team_id     uuid        not null,
    -- Who made it: the member a MEMBER webhook delivers for, or the admin who made a TEAM one.
    owner_id    uuid        not null,
    scope       text        not null check (scope in ('MEMBER', 'TEAM')),
    url         text        not null,
    format      text        not null check (format in ('STANDARD', 'SLACK', 'NTFY')),
    description text,
    -- whsec_<base64>: the HMAC key deliveries are signed with, so it is kept as it is (a hash could not sign).
    secret      text        not null,
    created_at  timestamptz not null
);

create index webhook_member on webhook (team_id, owner_id) where scope = 'MEMBER';
create index webhook_team on webhook (team_id) where scope = 'TEAM';

create table webhook_delivery (
    id              uuid        primary key,
    webhook_id      uuid        not null references webhook (id) on delete cascade,
    -- The event delivered (or a fresh id for a test delivery): one delivery per webhook and event, however often
    -- Kafka redelivers it.
    event_id        uuid        not null,
    event_type      text        not null,
    -- The contact it is about (null for a test), so erasing the contact erases its deliveries.
    contact_id      uuid,
    -- The Standard Webhooks JSON, as sent on every attempt (other formats are rendered from it).
    payload         text        not null,
    status          text        not null check (status in ('PENDING', 'DELIVERED', 'FAILED', 'GAVE_UP')),
    attempts        integer     not null default 0,
    last_status_code integer,
    last_error      text,
    next_attempt_at timestamptz,
    -- A worker that claimed the row holds it until then (its token in claim_token); a crashed worker's claim lapses.
    leased_until    timestamptz,
    claim_token     uuid,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    unique (webhook_id, event_id)
);

-- The worker reads only rows waiting for an attempt.
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status in ('PENDING', 'FAILED');
-- The delivery log, newest first.
create index webhook_delivery_log on webhook_delivery (webhook_id, created_at desc, id);
create index webhook_delivery_contact on webhook_delivery (contact_id) where contact_id is not null;
