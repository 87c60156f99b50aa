-- Templates submitted for review from Recado: the provider's id for the template (Meta's template
-- id, which its status webhooks name) and why it was rejected or paused, when the provider says.
alter table provider_templates add column provider_id varchar(64);
alter table provider_templates add column reason varchar(512);

-- Retention of customers' files (recado.retention.media-days): run once across nodes like
-- campaign pruning. Media of a message past it is 'expired'; files nothing stored refers to go.
insert into maintenance_jobs (name) values ('media_prune');
create index inbound_media_sha256 on inbound_media (sha256);
