-- Templates and segments can be edited and deleted (issue 8). A deleted one keeps its row, since
-- campaigns that used it still name it; the API no longer shows it.
alter table templates add column deleted_at timestamp with time zone;
alter table segments add column deleted_at timestamp with time zone;

-- What an occurrence of a campaign sends and to whom, copied from the template(s) and segment when
-- its first page runs, so an edit made while it runs reaches only later occurrences and campaigns.
-- kind: 'template' (body: the variants and purpose as JSON) or 'segment' (body: match and conditions).
create table campaign_snapshots (
    campaign_id bigint      not null references campaigns (id),
    occurrence  int         not null,
    kind        varchar(16) not null,
    source_id   bigint      not null,
    body        text        not null,
    created_at  timestamp with time zone not null,
    primary key (campaign_id, occurrence, kind, source_id)
);
