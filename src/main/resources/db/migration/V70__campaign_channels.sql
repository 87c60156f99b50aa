-- A campaign's channel order (comma-separated, e.g. whatsapp,sms) when it has more than one channel;
-- null for a one-channel campaign, whose channel column stays its only channel. With an order,
-- channel holds its first channel, so reads that know only one channel keep working.
alter table campaigns add column channels varchar(100);
