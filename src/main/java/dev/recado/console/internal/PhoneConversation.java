package dev.recado.console.internal;

import dev.recado.channels.sandbox.SandboxPhone;
import dev.recado.common.PublicId;
import dev.recado.contacts.Contact;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageFilter;
import dev.recado.messaging.MessageManagement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the virtual phone's screen shows: the texts the simulated carrier handed to that number,
 * and the number's own replies as Recado stored them, newest first.
 */
record PhoneConversation(List<Bubble> bubbles) {

    /** Enough of a conversation to follow it; older bubbles are left off. */
    static final int SHOWN = 50;

    /** {@code side} is "received" (the business wrote to the phone) or "sent" (the phone replied). */
    record Bubble(String side, String text, Instant at, String messageId) {
    }

    static PhoneConversation of(SandboxPhone phone, MessageManagement messages, long workspaceId, String number,
            Contact contact) {
        var received = phone.inbox(workspaceId, number).stream()
                .map(r -> new Bubble("received", r.text(), r.at(), r.messageId()));
        Stream<Bubble> sent = contact == null ? Stream.empty() : messages.list(workspaceId,
                        new MessageFilter(null, "sms", contact.id(), null, "inbound"), Long.MAX_VALUE, SHOWN).stream()
                .map(PhoneConversation::sent);
        List<Bubble> all = new ArrayList<>(Stream.concat(received, sent).toList());
        all.sort(Comparator.comparing(Bubble::at).reversed());
        return new PhoneConversation(List.copyOf(all.subList(0, Math.min(all.size(), SHOWN))));
    }

    static Bubble sent(Message m) {
        return new Bubble("sent", m.body(), m.createdAt(), PublicId.of(ConsoleFormat.MESSAGE, m.id()));
    }
}
