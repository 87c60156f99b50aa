-- consent_events_contact_purpose (contact_id, purpose, channel, occurred_at) already leads with the
-- contact: a contact's history is a handful of rows, sorted after that index finds them. One index
-- less for every consent fact an import writes.
drop index consent_events_contact;
