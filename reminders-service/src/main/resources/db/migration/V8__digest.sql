-- The email digest. A member without a settings row gets the default (weekly, Monday, 08:00 UTC): the digest is on
-- for everyone in the member directory until they turn it off.
create table digest_setting (
    member_id  uuid        primary key,
    team_id    uuid        not null,
    frequency  text        not null check (frequency in ('WEEKLY', 'DAILY', 'OFF')),
    weekday    text        not null check (weekday in ('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY',
                                                       'SATURDAY', 'SUNDAY')),
    hour       integer     not null check (hour between 0 and 23),
    time_zone  text        not null,
    updated_at timestamptz not null
);

-- One row per mail to send: a period's digest (kind DIGEST) or a test mail the member asked for (kind TEST).
-- period_start is the start of the period in the member's time zone (the Monday of a weekly digest's week, the day of
-- a daily one); the unique index below is what makes a period's digest exist once, whichever instance creates it.
create table digest_delivery (
    id              uuid        primary key,
    team_id         uuid        not null,
    member_id       uuid        not null,
    kind            text        not null check (kind in ('DIGEST', 'TEST')),
    period_start    timestamptz not null,
    -- When it was meant to go out (the member's hour).
    scheduled_for   timestamptz not null,
    status          text        not null check (status in ('PENDING', 'FAILED', 'SENT', 'SKIPPED')),
    attempts        integer     not null default 0,
    -- When a PENDING or FAILED row may be tried next; null once it is final (or given up).
    next_attempt_at timestamptz,
    -- A sender's claim: until then no other instance takes the row (a sender that died lets it lapse).
    lease_id        uuid,
    lease_until     timestamptz,
    entries         integer,
    error           text,
    sent_at         timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

create unique index digest_delivery_period on digest_delivery (team_id, member_id, period_start) where kind = 'DIGEST';
-- The sender reads only rows still to do.
create index digest_delivery_due on digest_delivery (next_attempt_at) where status in ('PENDING', 'FAILED');
create index digest_delivery_member on digest_delivery (member_id, created_at desc);
