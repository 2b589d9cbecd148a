-- Signing keys' private halves encrypted at rest: AES-256-GCM under RAPPORT_KEY_ENCRYPTION_KEY (signing.KeyEncryption),
-- the key id as associated data. Keys stored in plain before are sealed by the first gateway start with a key, which
-- then empties private_key (SigningKeys.encryptPlainKeys); new keys are stored sealed only.
alter table signing_key add column private_key_sealed bytea;
alter table signing_key alter column private_key drop not null;
alter table signing_key add constraint signing_key_private_half check (private_key is not null or private_key_sealed is not null);
