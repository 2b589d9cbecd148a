-- Members' state on Kafka (rapport.members.state.v1, through the outbox that the platform's db/platform migrations
-- create here too): when each member's state was first written to the outbox. Every change publishes in its own
-- transaction and sets it; members from before the gateway published (null) are published once by the backfill at
-- the next start (member.MemberStates), which claims them with FOR UPDATE SKIP LOCKED so two instances starting
-- together never publish a member twice.
alter table member add column state_published_at timestamptz;
create index member_state_unpublished on member (id) where state_published_at is null;
