-- Relationships handed over by a team admin from one member to another (a member leaving, or one person being a
-- relationship's only warm contact): one row per contact of a handoff, kept as the contact's history of owners.
-- The contact row carries the owner now; these say who owned her before, who handed her over and when. Erasing
-- the contact erases its history with it.
create table contact_handoff (
    handoff_id  uuid        not null,
    contact_id  uuid        not null references contact (id) on delete cascade,
    team_id     uuid        not null,
    from_member uuid        not null,
    to_member   uuid        not null,
    by_member   uuid        not null,
    handed_at   timestamptz not null,
    primary key (handoff_id, contact_id)
);

create index contact_handoff_contact on contact_handoff (contact_id, handed_at desc);

-- "All of a member's contacts" is what a handoff hands over when it names none.
create index contact_team_owner on contact (team_id, owner_id);
