package dev.recado.messaging;

/** A customer's message reached us; the inbox picks it up from here. */
public record InboundReceived(long workspaceId, long messageId, long contactId, String channel, String text) {
}
