-- A member's calendar feed: an iCalendar URL that calendar applications fetch without a session, the secret in the
-- URL being the only credential. One feed per member; a new secret replaces the old one (rotation), and deleting
-- the row revokes it. Only the secret's SHA-256 is kept, so this table alone opens no feed.
create table calendar_feed (
    team_id         uuid        not null,
    user_id         uuid        not null,
    secret_sha256   bytea       not null unique check (length(secret_sha256) = 32),
    created_at      timestamptz not null,
    -- When a calendar application last fetched it (written at most once a minute).
    last_fetched_at timestamptz,
    primary key (team_id, user_id)
);
