-- reminders-service: per-contact relationship state, a local copy of the interactions that feed it, and reminders.

-- One row per contact the team has (or has had an interaction with before its ContactCreated arrived: then
-- known = false and the row is a placeholder that only collects interactions).
create table relationship (
    contact_id             uuid        primary key,
    team_id                uuid        not null,
    owner_id               uuid,
    known                  boolean     not null default false,
    display_name           text,
    visibility             text        check (visibility in ('PRIVATE', 'TEAM')),
    archived               boolean     not null default false,
    contact_version        bigint      not null default 0,
    contact_created_at     timestamptz,
    cadence_tier           text,
    cadence_days           integer,
    important_dates        jsonb       not null default '[]'::jsonb,
    last_interaction_at    timestamptz,
    last_interaction_id    uuid,
    interaction_count      integer     not null default 0,
    recent_gaps_days       jsonb       not null default '[]'::jsonb,
    effective_cadence_days integer,
    cadence_source         text        not null default 'NONE',
    state                  text        not null default 'WARM',
    state_changed_at       timestamptz,
    -- When the scheduler must look at this row again (next threshold or date); null = nothing can change by itself.
    next_evaluation_at     timestamptz,
    updated_at             timestamptz not null
);

-- The scheduler reads only rows that are due: cost grows with due items, not with contacts.
create index relationship_next_evaluation on relationship (next_evaluation_at) where next_evaluation_at is not null;
create index relationship_team_state on relationship (team_id, state) where known and not archived;

-- The parts of interactions this service needs (timing, summary, questions, follow-ups); never private notes.
create table interaction (
    id              uuid        primary key,
    team_id         uuid        not null,
    author_id       uuid        not null,
    participant_ids uuid[]      not null,
    happened_at     timestamptz not null,
    time_zone       text        not null,
    summary         text,
    questions       jsonb       not null default '[]'::jsonb,
    follow_ups      jsonb       not null default '[]'::jsonb,
    version         bigint      not null
);

create index interaction_participants on interaction using gin (participant_ids);

-- Contacts erased by ContactDeleted: interactions naming them later (another topic, another partition) are ignored.
create table erased_contact (
    contact_id uuid        primary key,
    erased_at  timestamptz not null
);

create table reminder (
    id          uuid        primary key,
    team_id     uuid        not null,
    user_id     uuid        not null,
    contact_id  uuid        not null,
    kind        text        not null check (kind in ('KEEP_IN_TOUCH', 'FOLLOW_UP', 'IMPORTANT_DATE')),
    -- What the reminder is for (a cooling episode, a follow-up, one occurrence of a date): at most one reminder each.
    source_key  text        not null,
    status      text        not null check (status in ('PENDING', 'DUE', 'COMPLETED', 'DISMISSED')),
    -- Paused while the contact is archived.
    paused      boolean     not null default false,
    due_on      date        not null,
    -- When it fires (ReminderDue); the scheduler claims PENDING rows whose due_at has passed.
    due_at      timestamptz not null,
    title       text        not null,
    detail      jsonb       not null default '{}'::jsonb,
    fired_at    timestamptz,
    closed_at   timestamptz,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    unique (contact_id, source_key)
);

create index reminder_pending on reminder (due_at) where status = 'PENDING' and not paused;
create index reminder_agenda on reminder (user_id, due_on) where status in ('PENDING', 'DUE');
