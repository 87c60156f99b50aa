-- What providers report about destinations (messaging): per address, counts of hard and soft bounces
-- and complaints; a hard bounce sets undeliverable_since, and acceptance refuses the address then.
create table destination_health (
    workspace_id        bigint       not null,
    channel             varchar(16)  not null,
    address             varchar(320) not null,
    undeliverable_since timestamp with time zone,
    hard_bounces        int          not null default 0,
    soft_bounces        int          not null default 0,
    complaints          int          not null default 0,
    last_code           varchar(64),
    last_detail         varchar(500),
    updated_at          timestamp with time zone not null,
    primary key (workspace_id, channel, address)
);

-- One row per message and kind of report (hard_bounce, soft_bounce, complaint): a report read twice
-- counts once; campaign and sender rates count these rows.
create table message_feedback (
    message_id   bigint      not null,
    kind         varchar(16) not null,
    workspace_id bigint      not null,
    sender_id    bigint      not null,
    campaign_id  bigint,
    code         varchar(64),
    at           timestamp with time zone not null,
    primary key (message_id, kind)
);
create index message_feedback_campaign on message_feedback (campaign_id, kind);
create index message_feedback_sender on message_feedback (sender_id, kind);

-- channels.email: how far each sender's IMAP folders were read, and which node reads them (a lease,
-- so one node polls a mailbox however many run the sender).
create table email_mailboxes (
    sender_id    bigint       not null,
    folder       varchar(200) not null,
    uid_validity bigint       not null default 0,
    last_uid     bigint       not null default 0,
    lease_owner  varchar(100),
    lease_until  timestamp with time zone,
    primary key (sender_id, folder)
);
