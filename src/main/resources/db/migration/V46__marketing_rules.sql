-- Rules the engine applies to every marketing message of a workspace: quiet hours (per-weekday
-- sending windows in the recipient's local time, holidays) and a frequency cap across campaigns
-- and channels. No row: the installation's default window and no cap.
create table marketing_rules (
    workspace_id  bigint primary key references workspaces (id),
    -- JSON {"monday": {"from": "09:00", "to": "21:00"} | null, ...}; a missing day has the default window
    quiet_windows varchar(2000),
    -- JSON array of ISO dates on which no marketing message goes out (the recipient's local date)
    holidays      varchar(8000),
    cap_messages  int,
    cap_days      int,
    updated_at    timestamp with time zone not null
);

-- One row per contact that received a marketing message under a cap: the send times (epoch
-- seconds, comma-separated) within the cap's period. Acceptance locks the rows of a batch's contacts
-- (in id order) before deciding, so two batches cannot both pass the cap for one contact.
create table frequency_counts (
    contact_id bigint        primary key,
    sends      varchar(2000) not null
);

-- why an accepted message waits beyond what its sender asked (deferred_quiet_hours)
alter table messages add column deferred_reason varchar(32);
