-- How many parts the message was submitted in, on each part: a receipt for the only part of a
-- message decides the message's status by itself, so it neither rewrites the part nor reads the
-- message's other parts. Rows written before this column stay null and take the general path.
alter table message_parts add column parts smallint;
