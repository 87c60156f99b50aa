-- The engine's status counts of each campaign occurrence, spread over a few rows per occurrence.
-- One counter row per campaign made concurrent status listeners queue on its lock (16 ms a call in
-- the campaign benchmark); each listener transaction now adds to one shard picked at random, and a
-- read sums the shards on top of the counts the campaign and occurrence rows kept before.
create table campaign_count_shards (
    campaign_id    bigint   not null,
    occurrence     int      not null,
    shard          smallint not null,
    sent           bigint   not null default 0,
    delivered      bigint   not null default 0,
    undelivered    bigint   not null default 0,
    failed         bigint   not null default 0,
    canceled_count bigint   not null default 0,
    primary key (campaign_id, occurrence, shard)
);
