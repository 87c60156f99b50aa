-- Routines: a campaign that runs again as occurrences. The routine itself is a JSON document
-- (every_days or weekdays, at_local_time, timezone, until, count); the campaign's start_at holds the
-- time of the current (or next) occurrence and occurrence its number, so the runner's scheduled ->
-- running sweep starts each occurrence when due.
-- Versioned before V30 (campaigns), so these tables name campaigns without foreign keys.
create table campaign_routines (
    campaign_id bigint        primary key,
    routine     varchar(1000) not null
);

-- One row per occurrence that began, with its own counters (the campaign's own are the totals).
create table campaign_occurrences (
    campaign_id    bigint         not null,
    occurrence     int            not null,
    due_at         timestamp with time zone,
    started_at     timestamp with time zone not null,
    finished_at    timestamp with time zone,
    targeted       bigint         not null default 0,
    accepted       bigint         not null default 0,
    sent           bigint         not null default 0,
    delivered      bigint         not null default 0,
    undelivered    bigint         not null default 0,
    failed         bigint         not null default 0,
    canceled_count bigint         not null default 0,
    cost           numeric(18, 6) not null default 0,
    primary key (campaign_id, occurrence)
);

create table campaign_occurrence_skips (
    campaign_id bigint      not null,
    occurrence  int         not null,
    reason      varchar(32) not null,
    n           bigint      not null,
    primary key (campaign_id, occurrence, reason)
);
