-- An inbound message that answers an outbound one (email: In-Reply-To / References naming our
-- Message-ID): the thread link, one per inbound message.
create table message_threads (
    message_id         bigint not null primary key,
    answers_message_id bigint not null
);
create index message_threads_answers on message_threads (answers_message_id);
