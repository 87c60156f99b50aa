-- A person's id on a channel other than a phone or email (WhatsApp's business-scoped user id; later a
-- Telegram chat): inbound messages find their contact by it, also when no phone number comes along.
create table contact_channel_ids (
    workspace_id bigint       not null,
    channel      varchar(16)  not null,
    external_id  varchar(200) not null,
    contact_id   bigint       not null,
    created_at   timestamp with time zone not null,
    primary key (workspace_id, channel, external_id)
);
create index contact_channel_ids_contact on contact_channel_ids (contact_id);
