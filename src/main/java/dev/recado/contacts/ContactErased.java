package dev.recado.contacts;

/** Published when a person's data is erased, so other modules scrub what they hold on them. */
public record ContactErased(long workspaceId, long contactId) {
}
