-- A member's weekly capacity: how many people they mean to reach out to in a week. This week's plan shows the best
-- that many keep-in-touch nudges (follow-ups and dates always), and defers the rest without losing them. No row, or
-- a null capacity, means no limit.
create table member_plan (
    team_id         uuid        not null,
    user_id         uuid        not null,
    weekly_capacity integer     check (weekly_capacity between 1 and 100),
    updated_at      timestamptz not null,
    primary key (team_id, user_id)
);

-- "People reached this week": the keep-in-touch reminders a member's conversations completed since Monday.
create index reminder_user_closed on reminder (team_id, user_id, closed_at) where kind = 'KEEP_IN_TOUCH' and status = 'COMPLETED';
