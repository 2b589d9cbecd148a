-- Rows the scheduler set aside: a relationship it could not read or evaluate, a reminder it could not read or fire.
-- The rest of the run goes on without them; each is retried at next_attempt_at (the claims skip it until then) with
-- a backoff that doubles per attempt, and its record goes once it evaluates (fires) again or is no longer due.
create table evaluation_failure (
    kind            text        not null check (kind in ('RELATIONSHIP', 'REMINDER')),
    -- The relationship's contact id, or the reminder's id.
    subject_id      uuid        not null,
    -- READ: a stored value the service cannot map; EVALUATE: the decision, or writing what it decided, failed.
    stage           text        not null check (stage in ('READ', 'EVALUATE')),
    reason          text        not null,
    attempts        integer     not null,
    first_failed_at timestamptz not null,
    last_failed_at  timestamptz not null,
    next_attempt_at timestamptz not null,
    primary key (kind, subject_id)
);
