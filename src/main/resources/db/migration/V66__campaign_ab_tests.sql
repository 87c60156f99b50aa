-- A/B tests: a campaign's variants (templates) tried on a test share of its audience; after
-- decide_at the runner that holds the campaign's lease records the winner once (phase test ->
-- decide -> rest) and sends it to the rest of the audience. Portable between H2 and PostgreSQL.
create table campaign_ab_tests (
    campaign_id        bigint      primary key references campaigns (id),
    -- JSON array of template ids, in variant order (index 0 first)
    variants           varchar(2000) not null,
    test_share_percent int         not null,
    winner_by          varchar(16) not null,
    decide_after_minutes int       not null,
    -- test: fanning out the test share; decide: waiting for decide_at; rest: the winner to the rest; done
    phase              varchar(8)  not null default 'test',
    decide_at          timestamp with time zone,
    winner             int,
    decided_at         timestamp with time zone
);

-- Each A/B campaign message with its variant; test marks the test share (the winner's rates come
-- from those rows). Written after the page's enqueue, mended by a page that runs again.
create table campaign_ab_messages (
    campaign_id bigint   not null,
    contact_id  bigint   not null,
    variant     int      not null,
    test        boolean  not null,
    message_id  bigint   not null,
    primary key (campaign_id, contact_id)
);

-- per-variant recipients of the test share, moved with the page's cursor
create table campaign_ab_targeted (
    campaign_id bigint not null,
    variant     int    not null,
    targeted    bigint not null,
    primary key (campaign_id, variant)
);
