-- When a member last changed their password: sessions signed in before that end (see MemberSessions).
alter table member add column credentials_changed_at timestamptz;
