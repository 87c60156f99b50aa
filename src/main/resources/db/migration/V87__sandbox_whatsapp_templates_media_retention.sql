-- The sandbox WhatsApp twin's own account of templates, as Meta keeps a WABA's: what was submitted
-- for a sandbox_whatsapp sender (approved at once, so no status). A sync reads it back, beside the
-- hello_world every new account has, so what was submitted is never lost by a sync.
create table sandbox_whatsapp_templates (
    sender_id   bigint       not null,
    name        varchar(512) not null,
    language    varchar(16)  not null,
    category    varchar(32)  not null,
    provider_id varchar(64)  not null,
    created_at  timestamp with time zone not null,
    primary key (sender_id, name, language)
);

-- A workspace's own retention for customers' files, in days (0 keeps them); no row: the
-- installation's recado.retention.media-days.
create table media_retention (
    workspace_id bigint  primary key references workspaces (id),
    days         integer not null,
    updated_at   timestamp with time zone not null
);
