-- Who introduced a contact (howWeMet.introducedBy in contacts-service's snapshots), for "who can introduce me to X":
-- a contact's introducer, and the contacts it introduced, are people a teammate may know on the way to it. Rows
-- replicated before this column existed learn it with the contact's next snapshot.
alter table contact_replica add column introduced_by uuid;
create index contact_replica_introduced_by on contact_replica (introduced_by) where introduced_by is not null;
