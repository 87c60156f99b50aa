-- Room on each page for the next versions of its rows, so that a message's status updates stay
-- heap-only (no index entries) instead of moving the row to another page.
alter table messages set (fillfactor = 70);
alter table dispatch_queue set (fillfactor = 70);
