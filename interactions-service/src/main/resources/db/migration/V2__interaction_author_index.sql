-- The follow-up ledger (GET /api/follow-ups) reads every interaction one author wrote in their team; no index
-- served that (the others lead with participants or with the team and time).
create index interaction_team_author on interaction (team_id, author_id);
