-- The dispatch queue moves out of the messages table into a narrow one. Every status change of a
-- message used to touch an indexed column (status, in messages_claim and messages_scheduled), so
-- each of a message's three updates (sending, sent, delivered) wrote a new entry into all eight
-- indexes of messages. With no index on status, those updates can be heap-only on PostgreSQL,
-- and the queue's own churn happens in a table of a few narrow rows per message in flight.
--
-- A row exists while its message waits (scheduled), is queued, or is being submitted; the
-- message's status stays the truth, and a row whose message moved on is dropped when met.
create table dispatch_queue (
    message_id  bigint       primary key,
    sender_id   bigint       not null,
    state       varchar(8)   not null, -- waiting (scheduled), queued, sending
    priority    int          not null,
    due_at      timestamp with time zone not null,
    valid_until timestamp with time zone
);
create index dispatch_queue_claim on dispatch_queue (sender_id, state, priority desc, message_id);
create index dispatch_queue_due on dispatch_queue (state, due_at);
create index dispatch_queue_validity on dispatch_queue (valid_until);

insert into dispatch_queue (message_id, sender_id, state, priority, due_at, valid_until)
select id, sender_id, case when status = 'scheduled' then 'waiting' else status end, priority,
       case when status = 'scheduled' then coalesce(send_at, next_attempt_at) else next_attempt_at end, valid_until
  from messages
 where status in ('scheduled', 'queued', 'sending') and sender_id is not null;

drop index messages_claim;
drop index messages_scheduled;
-- handing a stopped sender's work over, and reports by sender; sender_id never changes with status
create index messages_sender on messages (sender_id, id);
