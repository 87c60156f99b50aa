-- the node that claimed a key: at start a node frees its own claims left unanswered by a crash
alter table idempotency_keys add column claimed_by varchar(255);
