-- Opens of marketing HTML emails, recorded by the open pixel: first and last time, and how many.
create table message_opens (
    message_id      bigint not null primary key,
    first_opened_at timestamp with time zone not null,
    last_opened_at  timestamp with time zone not null,
    opens           int    not null
);
