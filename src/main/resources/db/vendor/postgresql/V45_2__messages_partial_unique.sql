-- Most messages carry no Idempotency-Key, no client_ref and no campaign (API traffic), yet every one
-- of them put a (workspace, NULL) entry in each of these indexes. Partial indexes skip those rows;
-- lookups by a key, a client_ref or a campaign imply the column is not null, so they still use them,
-- and a duplicate still fails as a unique violation.
alter table messages drop constraint messages_idempotency;
create unique index messages_idempotency on messages (workspace_id, idempotency_key) where idempotency_key is not null;
alter table messages drop constraint messages_client_ref;
create unique index messages_client_ref on messages (workspace_id, client_ref) where client_ref is not null;
drop index messages_campaign;
create index messages_campaign on messages (campaign_id, id) where campaign_id is not null;
