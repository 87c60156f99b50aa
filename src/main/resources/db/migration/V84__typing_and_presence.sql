-- When a conversation (a sender account and the customer's address on it) last had a typing
-- indicator sent to its provider: every node claims the next one with a guarded update on this row,
-- so the nodes together send at most one per interval however many agents' keystrokes reach them.
create table typing_indicators (
    sender_id bigint       not null,
    address   varchar(320) not null,
    sent_at   timestamp with time zone not null,
    primary key (sender_id, address)
);

-- An agent typing to a web chat visitor: the hub of whichever node holds the visitor's sockets reads it.
alter table webchat_visitors add column agent_typing_at timestamp with time zone;

-- When a console user was last active (written at most once a minute): a web chat widget that is
-- offline with no agents reads it as the business being there.
alter table users add column last_active_at timestamp with time zone;
create index users_last_active on users (workspace_id, last_active_at);
