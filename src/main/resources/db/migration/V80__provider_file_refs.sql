-- An RCS user's file is referred to by its download URL (RBM's fileUri), longer than the media ids
-- WhatsApp gives: the inbound task and the inbound file keep up to 2,000 characters of it.
alter table inbound_tasks alter column ref set data type varchar(2000);
alter table inbound_media alter column provider_media_id set data type varchar(2000);
