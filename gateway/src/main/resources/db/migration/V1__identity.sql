-- Who may use Rapport: teams, their members, members' personal access tokens, and the keys the gateway signs
-- platform tokens with. The gateway's own database: identity is the gateway's job, and no service needs it.

create table team (
    id         uuid primary key,
    name       text        not null,
    created_at timestamptz not null
);

create table member (
    id            uuid primary key,
    team_id       uuid        not null references team (id),
    email         text        not null,
    display_name  text        not null,
    -- Argon2id (or an older Spring Security encoding it still reads); null for a member who signs in with OIDC only.
    password_hash text,
    roles         text[]      not null,
    created_at    timestamptz not null
);
create unique index member_email on member (lower(email));
create index member_team on member (team_id);

create table access_token (
    id           uuid primary key,
    member_id    uuid        not null references member (id) on delete cascade,
    name         text        not null,
    -- SHA-256 of the secret: the token itself is shown once and never stored.
    token_hash   bytea       not null unique,
    prefix       text        not null,
    created_at   timestamptz not null,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index access_token_member on access_token (member_id);

create table signing_key (
    kid         text primary key,
    private_key text        not null,
    public_key  text        not null,
    created_at  timestamptz not null,
    -- Published in the JWKS from created_at; used for signing from signs_from (later, so services learn it first).
    signs_from  timestamptz not null,
    retired_at  timestamptz
);
