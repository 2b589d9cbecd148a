-- Imports of address books (vCard, CSV): one row per uploaded file, one per contact in it. A member's import is
-- theirs alone: every query names the team and the member.
create table contact_import (
    id             uuid        primary key,
    team_id        uuid        not null,
    owner_id       uuid        not null,
    file_name      text,
    format         text        not null,
    encoding       text        not null,
    content_sha256 text        not null,
    size_bytes     bigint      not null,
    tag            text        not null,
    -- PREVIEW until confirmed; RUNNING while the worker creates its contacts; DONE; UNDOING, then UNDONE.
    status         text        not null check (status in ('PREVIEW', 'RUNNING', 'DONE', 'UNDOING', 'UNDONE')),
    total_rows     integer     not null,
    created_at     timestamptz not null,
    confirmed_at   timestamptz,
    finished_at    timestamptz,
    undone_at      timestamptz
);

create index contact_import_owner on contact_import (team_id, owner_id, created_at desc);
create index contact_import_work on contact_import (status) where status in ('RUNNING', 'UNDOING');

create table contact_import_row (
    import_id   uuid    not null references contact_import (id) on delete cascade,
    row_number  integer not null,
    team_id     uuid    not null,
    owner_id    uuid    not null,
    -- What the row holds, independent of the file and its tag: the same person imported twice has the same key.
    row_key     text    not null,
    -- The preview's verdict.
    outcome     text    not null check (outcome in ('CREATE', 'EXISTING', 'INVALID')),
    -- What happened to it: PENDING until the worker reaches it (rows to create), then CREATED or SKIPPED; rows
    -- the preview found existing or invalid are SKIPPED or INVALID from the start. Undo: UNDONE or KEPT.
    state       text    not null check (state in ('PENDING', 'CREATED', 'SKIPPED', 'INVALID', 'UNDONE', 'KEPT')),
    reason      text,
    display_name text,
    draft       jsonb,
    contact_id  uuid,
    primary key (import_id, row_number)
);

-- The worker's queue: rows still to create, and created rows of an import being undone.
create index contact_import_row_todo on contact_import_row (import_id, row_number) where state in ('PENDING', 'CREATED');
-- Idempotency across imports: has this member already imported this person?
create index contact_import_row_imported on contact_import_row (team_id, owner_id, row_key) where state = 'CREATED';
