package dev.recado.consent;

/** Published when a contact opts out, so campaigns and webhooks react at once. */
public record ContactOptedOut(long workspaceId, long contactId, Channel channel, Purpose purpose, ConsentSource source) {
}
