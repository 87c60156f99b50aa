-- Hardening: the platform operator's per-workspace permission to reach internal addresses, and room
-- for encrypted secrets (AES-GCM with its nonce and tag, base64, is about twice the clear text).
-- Webhook deliveries no longer copy the subscription's secret; it is read from the subscription.
alter table workspaces add column allow_private_hosts boolean not null default false;
alter table webhooks alter column secret set data type varchar(400);
alter table callback_secrets alter column secret set data type varchar(400);
update webhook_deliveries set secret = null where webhook_id is not null;
