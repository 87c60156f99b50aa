-- One engine for every channel: typed content beside the text body, a client reference per batch
-- item, and reservations held in the database.

-- content other than plain text (media, provider templates, buttons, email parts) as JSON; the
-- text a person reads first stays in body
alter table messages add column content text;
-- a batch item's own reference: a repeated one answers the first message
alter table messages add column client_ref varchar(255);
alter table messages add constraint messages_client_ref unique (workspace_id, client_ref);

-- reservations used to live in one process's memory; from now on billing_accounts.reserved holds
-- them, moved in the same transactions as the messages they pay for
update billing_accounts set reserved = coalesce((select sum(m.price) from messages m
    where m.workspace_id = billing_accounts.workspace_id and m.settled = false
      and m.status in ('accepted', 'scheduled', 'queued', 'sending')), 0);
