package dev.recado.messaging;

/**
 * What became of an agent typing a reply to a customer's message: {@code shown} (the provider was
 * told), {@code throttled} (it was told less than an interval ago, by this node or another),
 * {@code unsupported} (the channel shows no typing: SMS, email) or {@code failed} (the sender is not
 * running or the provider refused; the indicator is a courtesy, so nothing is retried).
 */
public enum TypingIndicator {
    SHOWN, THROTTLED, UNSUPPORTED, FAILED
}
