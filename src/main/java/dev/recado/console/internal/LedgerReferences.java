package dev.recado.console.internal;

import dev.recado.billing.LedgerEntry;
import dev.recado.common.PublicId;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageManagement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * What each ledger line of a page charged, as the reader knows it: the message and who it went to.
 * A line for one message names it in its reference; a line for several lists their ids in its
 * description (see the messaging module's settlements), of which the first few are shown.
 */
@Component
class LedgerReferences {

    /** One message a line charged: its id for the link, and the person or number it went to. */
    record Ref(String messageId, String label) {
    }

    static final int SHOWN = 3;
    private static final Pattern MESSAGE_ID = Pattern.compile("msg_[0-9a-z]+");

    private final MessageManagement messages;
    private final PeopleNames names;

    LedgerReferences(MessageManagement messages, PeopleNames names) {
        this.messages = messages;
        this.names = names;
    }

    /** Per ledger line id, the messages it names (empty for credits and trial lines). */
    Map<Long, List<Ref>> of(long workspaceId, List<LedgerEntry> page) {
        Map<Long, List<Message>> found = new HashMap<>();
        for (LedgerEntry e : page) {
            List<Message> charged = new ArrayList<>();
            for (String id : messageIds(e)) {
                PublicId.parse("msg_", id).flatMap(n -> messages.find(workspaceId, n)).ifPresent(charged::add);
            }
            found.put(e.id(), charged);
        }
        Map<Long, String> people = names.contacts(workspaceId,
                found.values().stream().flatMap(List::stream).map(Message::contactId).toList());
        Map<Long, List<Ref>> refs = new HashMap<>();
        found.forEach((line, charged) -> refs.put(line, charged.stream().map(m -> new Ref(PublicId.of("msg_", m.id()),
                Optional.ofNullable(m.contactId()).map(people::get).orElse(m.to()))).toList()));
        return refs;
    }

    private static List<String> messageIds(LedgerEntry e) {
        if (e.reference() != null && e.reference().startsWith("msg_")) {
            return List.of(e.reference());
        }
        List<String> ids = new ArrayList<>();
        if ("usage".equals(e.kind()) && e.description() != null) {
            Matcher m = MESSAGE_ID.matcher(e.description());
            while (m.find() && ids.size() < SHOWN) {
                ids.add(m.group());
            }
        }
        return ids;
    }
}
