-- GET /api/relationships (coldest first, then longest untouched; filtered by state or not) reads a page in order from
-- this index, so a page costs the rows it shows, not the team's size, and the count is an index-only scan. The
-- coldness expression is RelationshipRepository's COLDNESS, character for character. It replaces (team_id, state).
create index relationship_list on relationship
    (team_id, (case state when 'COLD' then 0 when 'COOLING' then 1 when 'DUE' then 2 when 'WARM' then 3 end),
     (coalesce(last_interaction_at, contact_created_at)), contact_id)
    include (visibility, owner_id)
    where known and not archived;
drop index relationship_team_state;

-- The agenda (a user's open reminders by due date, then id, the first 200): in index order, without sorting every
-- reminder due the same day. It replaces (user_id, due_on).
create index reminder_agenda_order on reminder (user_id, due_on, id) where status in ('PENDING', 'DUE');
drop index reminder_agenda;
