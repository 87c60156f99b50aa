package dev.recado.messaging;

public record MessageFilter(MessageStatus status, String channel, Long contactId, Long campaignId, String direction) {
}
