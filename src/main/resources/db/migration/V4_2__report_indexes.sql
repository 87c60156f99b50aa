-- Dashboards read a workspace's messages and opt-outs by time range.
create index messages_workspace_created on messages (workspace_id, created_at);
create index consent_events_workspace_occurred on consent_events (workspace_id, occurred_at);
