-- Templates submitted for review from Recado: the provider's id for the template (Meta's template
-- id, which its status webhooks name) and why it was rejected or paused, when the provider says.
alter table provider_templates add column provider_id varchar(64);
alter table provider_templates add column reason varchar(512);
