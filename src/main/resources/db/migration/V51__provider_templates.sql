-- Templates a provider holds for a sender's account (WhatsApp: synced from the WABA), so acceptance
-- sends only approved ones and prices each by its category. A sender never synced has no rows.
create table provider_templates (
    sender_id  bigint       not null,
    name       varchar(512) not null,
    language   varchar(16)  not null,
    category   varchar(32)  not null,
    status     varchar(32)  not null,
    quality    varchar(32),
    synced_at  timestamp with time zone not null,
    primary key (sender_id, name, language)
);

-- WhatsApp is priced per template by category (channel 'whatsapp:<category>'); service messages
-- (free-form replies inside the customer's window) and utility templates inside it are free.
alter table prices alter column channel set data type varchar(40);
insert into prices (workspace_id, channel, prefix, price_per_segment, currency) values
    (null, 'whatsapp:marketing', '', 0.060000, 'EUR'),
    (null, 'whatsapp:utility', '', 0.020000, 'EUR'),
    (null, 'whatsapp:authentication', '', 0.020000, 'EUR'),
    (null, 'whatsapp:service', '', 0.000000, 'EUR');
