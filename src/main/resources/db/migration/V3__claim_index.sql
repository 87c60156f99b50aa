-- The dispatcher's claim takes due queued messages of one sender by priority (highest first), then
-- id. messages_dispatch put next_attempt_at before id, so no database could read it in that order:
-- every claim read and sorted all queued rows of the sender (seconds per claim on H2 with 100,000
-- queued). This index is in claim order; rows not yet due (backing off) are skipped as it is read.
drop index messages_dispatch;
create index messages_claim on messages (sender_id, status, priority desc, id);
