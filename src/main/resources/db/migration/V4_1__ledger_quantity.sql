-- How many messages a usage line charges, so readers see it in their own language
-- (the description column keeps the API's English line).
alter table billing_ledger add column quantity int;
