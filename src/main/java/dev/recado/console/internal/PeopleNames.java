package dev.recado.console.internal;

import dev.recado.common.PublicId;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactFilter;
import dev.recado.contacts.ContactManagement;
import dev.recado.messaging.SenderDirectory;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * People and senders by name for pages that list messages (ids stay where one copies them), and
 * the contact a reader means when they filter by a phone, an email or a name.
 */
@Component
class PeopleNames {

    private final ContactManagement contacts;
    private final SenderDirectory senders;

    PeopleNames(ContactManagement contacts, SenderDirectory senders) {
        this.contacts = contacts;
        this.senders = senders;
    }

    /** Display names of these contacts (a page's worth). */
    Map<Long, String> contacts(long workspaceId, Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        ids.stream().filter(Objects::nonNull).distinct().forEach(id ->
                contacts.find(workspaceId, id).ifPresent(c -> names.put(id, c.displayName())));
        return names;
    }

    /** Sender names by their numeric id. */
    Map<Long, String> senders(long workspaceId) {
        Map<Long, String> names = new HashMap<>();
        senders.list(workspaceId).forEach(s -> PublicId.parse("snd_", s.id()).ifPresent(id -> names.put(id, s.name())));
        return names;
    }

    /**
     * The contact a filter names: a ct_ id, a phone number, an email, or the first contact whose name
     * matches; -1 (matching no message) when none does.
     */
    long contactMeant(long workspaceId, String text) {
        Optional<Long> byId = PublicId.parse(ConsoleFormat.CONTACT, text);
        if (byId.isPresent()) {
            return byId.get();
        }
        Optional<Contact> found = text.contains("@") ? contacts.findByEmail(workspaceId, text.strip())
                : contacts.normalizePhone(workspaceId, text).flatMap(p -> contacts.findByPhone(workspaceId, p));
        if (found.isEmpty()) {
            found = contacts.list(workspaceId, new ContactFilter(null, text.strip(), null, null), Long.MAX_VALUE, 1)
                    .stream().findFirst();
        }
        return found.map(Contact::id).orElse(-1L);
    }
}
