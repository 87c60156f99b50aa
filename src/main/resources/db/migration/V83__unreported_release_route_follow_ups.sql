-- Messages charged on delivery that the provider never reports give their reservation back after
-- recado.billing.unreported-release-after, uncharged: run once across nodes like the pruners.
insert into maintenance_jobs (name) values ('unreported_release');

-- A route's follow-up names the route it continues, so a dispatcher can drop a follow-up it claimed
-- after an earlier channel delivered, asking about routes only when its batch holds one (null for
-- every other message: adding it rewrites nothing).
alter table messages add column continues_route bigint;
