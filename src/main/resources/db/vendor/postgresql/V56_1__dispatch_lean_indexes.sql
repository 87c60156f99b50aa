-- Measured with pg_stat_statements over 100,000 dispatched messages (BENCHMARKS.md): the parts' COPY
-- was the costliest statement, most of it the foreign key's row check, which locks the message row
-- (FOR KEY SHARE, one WAL record per part) that the same transaction has just updated. Messages are
-- never deleted and every part is written with the id of the message it was claimed for.
alter table message_parts drop constraint if exists message_parts_message_id_fkey;
-- A part's receipt only changes its status: room on the page keeps that update heap-only.
alter table message_parts set (fillfactor = 70);

-- Every claim moves a queue row from 'queued' to 'sending', and the outcome deletes it. With the
-- state inside three full indexes each move wrote an entry into all four. Partial indexes keep each
-- state's rows where they are looked for, so a row is in at most two indexes at any time.
drop index dispatch_queue_claim;
create index dispatch_queue_claim on dispatch_queue (sender_id, priority desc, message_id) where state = 'queued';
create index dispatch_queue_in_flight on dispatch_queue (sender_id) where state = 'sending';
drop index dispatch_queue_due;
create index dispatch_queue_waiting on dispatch_queue (due_at) where state = 'waiting';
drop index dispatch_queue_validity;
create index dispatch_queue_validity on dispatch_queue (valid_until) where valid_until is not null;
