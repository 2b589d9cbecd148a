-- Contacts: who people are and what is going on in their lives. Every row belongs to one team.
create extension if not exists pg_trgm;

create table contact (
    id               uuid        primary key,
    team_id          uuid        not null,
    owner_id         uuid        not null,
    display_name     text        not null,
    given_name       text,
    family_name      text,
    emails           jsonb       not null default '[]'::jsonb,
    phones           jsonb       not null default '[]'::jsonb,
    company          text,
    title            text,
    location         text,
    met_place        text,
    met_on           date,
    -- Erasing the introducer must not erase who they introduced, only the link.
    introduced_by    uuid        references contact (id) on delete set null,
    met_note         text,
    tags             text[]      not null default '{}',
    interests        text[]      not null default '{}',
    context          text,
    important_dates  jsonb       not null default '[]'::jsonb,
    cadence_tier     text,
    cadence_days     integer     check (cadence_days between 1 and 3650),
    visibility       text        not null check (visibility in ('PRIVATE', 'TEAM')),
    archived         boolean     not null default false,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    version          bigint      not null,
    -- Lower-cased name, company, title, location, emails, tags, interests and context, maintained by the service:
    -- one trigram index serves substring search over all of them.
    search_text      text        not null
);

create index contact_team_name on contact (team_id, lower(display_name), id);
create index contact_team_updated on contact (team_id, updated_at desc);
create index contact_tags on contact using gin (tags);
create index contact_search_trgm on contact using gin (search_text gin_trgm_ops);
create index contact_introduced_by on contact (introduced_by) where introduced_by is not null;
