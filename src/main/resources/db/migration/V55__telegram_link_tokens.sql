-- Telegram deep links (t.me/<bot>?start=<token>): a token minted for one contact, used once before it
-- expires, ties the chat that sends /start <token> to that contact. Only the token's SHA-256 is kept.
create table telegram_link_tokens (
    token_hash   varchar(64)  not null primary key,
    workspace_id bigint       not null,
    contact_id   bigint       not null,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null,
    used_at      timestamp with time zone
);
create index telegram_link_tokens_expiry on telegram_link_tokens (expires_at);
