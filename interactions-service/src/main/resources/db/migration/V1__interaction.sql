-- Interactions: what happened between a user and one or more contacts. Every row belongs to one team.
create table interaction (
    id               uuid        primary key,
    team_id          uuid        not null,
    author_id        uuid        not null,
    -- In the order the author gave them; the contacts-replica decides who may see them.
    participant_ids  uuid[]      not null check (cardinality(participant_ids) >= 1),
    type             text        not null,
    happened_at      timestamptz not null,
    time_zone        text        not null,
    duration_minutes integer     check (duration_minutes >= 1),
    place            text,
    initiated_by     text,
    summary          text,
    -- Private to the author; never published in events.
    notes            text,
    -- Shared with teammates who may read the interaction; never published in events.
    learned          text[]      not null default '{}',
    questions        text[]      not null default '{}',
    follow_ups       jsonb       not null default '[]'::jsonb,
    meaningfulness   smallint    check (meaningfulness between 1 and 5),
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    version          bigint      not null
);

-- A contact's timeline (participant_ids @> array[contact]) and erasure both find interactions by participant.
create index interaction_participants on interaction using gin (participant_ids);
create index interaction_team_happened on interaction (team_id, happened_at desc, id desc);

-- What this service knows about contacts, from rapport.contacts.v1: enough to decide who may name whom as a
-- participant, nothing personal. A deleted contact stays as a tombstone (ids only) so late or redelivered events
-- for it are ignored instead of bringing it back.
create table contact_replica (
    contact_id     uuid        primary key,
    team_id        uuid        not null,
    owner_id       uuid        not null,
    visibility     text        not null check (visibility in ('PRIVATE', 'TEAM')),
    archived       boolean     not null default false,
    -- Highest contact version applied from a snapshot; 0 while only an id-only event (archive) has arrived.
    version        bigint      not null,
    -- When the archived flag was last decided (snapshot updatedAt or archive event time): archive events carry no
    -- version, so they are ordered against snapshots by time.
    archived_as_of timestamptz,
    deleted        boolean     not null default false
);
