-- channel "cheapest": each recipient's message goes first on the channel that costs least for them
-- (priced at acceptance), the others following as its route. channels then holds the candidates
-- (always, even one) and channel the first of them, so reads that know only one channel keep working.
alter table campaigns add column cheapest boolean not null default false;
