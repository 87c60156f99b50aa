-- Sender lifecycle: a sender becomes the default only once it has connected (or when asked to
-- explicitly), at most one default per workspace and channel, and senders can be deleted.

-- when the sender first bound / connected to its provider; null until then
alter table senders add column connected_at timestamp with time zone;
-- created without "default": false, it becomes the default at its first connection
alter table senders add column default_on_connect boolean not null default false;
-- deleted senders stay (their messages name them) but are gone from the API and never run again
alter table senders add column deleted_at timestamp with time zone;
-- the channel while the sender is its workspace's default for it, else null: the unique index below
-- allows one default per workspace and channel on both databases (H2 has no partial indexes;
-- both treat NULLs in a unique index as distinct)
alter table senders add column default_channel varchar(16);

update senders set is_default = false
 where is_default and id <> (select max(t.id) from senders t
                              where t.workspace_id = senders.workspace_id and t.channel = senders.channel and t.is_default);
update senders set default_channel = channel where is_default;
update senders set is_default = false, default_channel = null where not enabled;
-- senders that exist already have been running: count them as connected
update senders set connected_at = created_at;
create unique index senders_one_default on senders (workspace_id, default_channel);


-- the sandbox's simulated carrier keeps what it accepted, as a carrier's SMSC does: receipts still
-- owed are sent after a restart (even kill -9), and reconciliation by reference finds what it has
create table sandbox_submissions (
    message_id  varchar(64)  primary key,
    system_id   varchar(32)  not null,
    submission  text         not null,
    received_at timestamp with time zone not null,
    receipt_at  timestamp with time zone
);
create index sandbox_submissions_received on sandbox_submissions (received_at);
