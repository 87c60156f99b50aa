-- Messages charged on delivery that the provider never reports give their reservation back after
-- recado.billing.unreported-release-after, uncharged: run once across nodes like the pruners.
insert into maintenance_jobs (name) values ('unreported_release');
