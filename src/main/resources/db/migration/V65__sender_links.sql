-- The live state of each sender's provider connection as its node last saw it, and since when, so
-- acceptance on any node can route around a sender that has been down for a while (issue 9,
-- several senders of one channel). One row per sender: with several nodes the last change wins.
create table sender_links (
    sender_id  bigint      not null primary key,
    state      varchar(16) not null,
    since      timestamp with time zone not null,
    updated_at timestamp with time zone not null
);
