-- Snoozing learns: how often a member put off keeping in touch with a contact at its current cadence. Three times,
-- and the relationship offers a longer cadence (GET /api/relationships/{id}, cadenceOffer) until the cadence changes
-- or the offer is declined. Goes with the relationship (erasure, merge).
create table cadence_offer (
    contact_id   uuid        primary key references relationship (contact_id) on delete cascade,
    -- The effective cadence the snoozes were counted at: another cadence starts the count again.
    cadence_days integer     not null,
    snoozes      integer     not null,
    updated_at   timestamptz not null
);
