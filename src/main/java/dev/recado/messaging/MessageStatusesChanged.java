package dev.recado.messaging;

import java.util.List;

/**
 * The statuses one engine batch moved messages to, published once per batch in its transaction
 * and kept by Spring Modulith's event publication registry until every listener has handled it,
 * so a crash between the commit and a listener loses nothing (listeners must tolerate a repeat).
 */
public record MessageStatusesChanged(List<MessageStatusChanged> changes) {
}
