-- Audiences count and page the contacts that are not erased, by id: with this index both are
-- index-only scans (a narrow index instead of the whole contacts heap), and a tag condition becomes a
-- merge join of two ordered index scans. PostgreSQL only: H2 has no partial indexes.
create index contacts_live on contacts (workspace_id, id) where erased_at is null;
