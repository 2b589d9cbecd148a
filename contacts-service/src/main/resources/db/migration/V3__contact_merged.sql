-- Contacts merged away into another of their team (a duplicate): the row in contact is gone, this one says where it
-- went, so the old id answers 301 (reads) or 410 (writes) with the survivor. A chain (A into B, then B into C) is kept
-- flat: every row points at the contact that exists. Erasing the survivor erases the pointers (nothing personal is
-- in them, but nothing is left to point at).
create table merged_contact (
    id          uuid        primary key,
    team_id     uuid        not null,
    survivor_id uuid        not null references contact (id) on delete cascade,
    merged_by   uuid        not null,
    merged_at   timestamptz not null
);

create index merged_contact_survivor on merged_contact (survivor_id);
