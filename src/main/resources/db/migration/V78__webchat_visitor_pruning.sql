-- Anonymous web chat visitors who never wrote (no line, no form, no contact) are pruned after a
-- while, once per interval across nodes (maintenance_jobs), reading the oldest first.
insert into maintenance_jobs (name) values ('webchat_visitor_prune');
create index webchat_visitors_created on webchat_visitors (created_at);
