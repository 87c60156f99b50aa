package dev.recado.messaging.internal;

import dev.recado.messaging.Enqueued;
import dev.recado.messaging.Sender;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.ChannelCapabilities;

/**
 * The sender account a message goes out through, the sender name or number it shows ({@code from}),
 * and its channel's factory; or, when no sender may carry it, the refusal.
 */
record SenderChoice(Sender sender, String from, ChannelAdapterFactory factory, Enqueued.Refused refusal) {

    static SenderChoice refused(Enqueued.Refused refusal) {
        return new SenderChoice(null, null, null, refusal);
    }

    ChannelCapabilities capabilities() {
        return factory.capabilities();
    }
}
