/**
 * Contacts and their identities (E.164 phone, email), tags, typed attributes, CSV import and
 * export, and GDPR export and erasure. Owns the consent endpoints of a contact.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contacts")
package dev.recado.contacts;
