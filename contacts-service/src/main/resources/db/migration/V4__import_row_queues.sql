-- The worker's two queues, each an index of its own: the rows still to create (PENDING), and the created rows an
-- undo erases (CREATED). One index for both made a claim of PENDING rows walk past every row the import had already
-- created (and read each from the table to see its state): ever slower as an import of 100,000 rows went on.
-- ImportRepository.claim starts at the front of its state's index.
drop index contact_import_row_todo;
create index contact_import_row_pending on contact_import_row (import_id, row_number) where state = 'PENDING';
create index contact_import_row_created on contact_import_row (import_id, row_number) where state = 'CREATED';

-- "Has this member imported this person?" (the worker's createdElsewhere, the preview's importedBefore) asks for a
-- batch's keys at once: with the key first, the index is only usable by probing those keys. Led by team and member,
-- PostgreSQL, thinking the table nearly empty after a preview wrote 100,000 rows, preferred to read every row the
-- member had ever imported and filter them, for every batch.
drop index contact_import_row_imported;
create index contact_import_row_imported on contact_import_row (row_key, team_id, owner_id) where state = 'CREATED';
