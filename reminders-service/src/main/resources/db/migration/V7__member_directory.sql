-- Who the members are, as far as notifications need: where to write to them and what to call them. The gateway owns
-- members; it publishes their state and this table follows it (upsert on every change, delete when a member leaves).
-- A member without a row here gets no mail.
create table member_directory (
    member_id    uuid        primary key,
    team_id      uuid        not null,
    email        text,
    display_name text,
    updated_at   timestamptz not null
);

create index member_directory_team on member_directory (team_id);
