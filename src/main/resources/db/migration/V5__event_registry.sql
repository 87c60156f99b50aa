-- Spring Modulith's event publication registry, owned by Flyway: one publication carries a whole
-- batch of status changes (hundreds of KB of JSON), which the library's own H2 schema
-- (VARCHAR(4000), indexed) cannot hold. Handled publications are deleted (completion-mode delete),
-- so the table holds only what listeners still owe and needs no index on the event itself.
create table if not exists event_publication (
    id                     uuid not null primary key,
    listener_id            varchar(512) not null,
    event_type             varchar(512) not null,
    serialized_event       text not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 varchar(20),
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
-- a database the library initialised before: its index on the event text goes, the column widens
drop index if exists event_publication_by_listener_id_and_serialized_event_idx;
drop index if exists event_publication_serialized_event_hash_idx;
alter table event_publication alter column serialized_event set data type text;
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);
