-- Jobs that must run once across all nodes: a node claims the row (lease_owner, lease_until) when
-- the job is due (last_run_at older than its interval) and renews the lease between batches.
create table maintenance_jobs (
    name        varchar(64)  primary key,
    lease_owner varchar(100),
    lease_until timestamp with time zone,
    last_run_at timestamp with time zone
);
insert into maintenance_jobs (name) values ('campaign_prune');

-- the pruner's range scans: clicks by time, a finished campaign's tracked links
create index link_clicks_clicked_at on link_clicks (clicked_at);
create index campaigns_finished on campaigns (finished_at);
