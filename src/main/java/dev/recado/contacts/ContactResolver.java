package dev.recado.contacts;

import dev.recado.common.PublicId;
import dev.recado.contacts.internal.ContactRepository;
import dev.recado.contacts.internal.PhoneNumbers;
import dev.recado.workspace.Workspace;
import dev.recado.workspace.WorkspaceManagement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns many message destinations into contacts at once, for the send path: contact ids
 * ({@code ct_…}), phone numbers (normalised to E.164 with the workspace's country) and emails, each
 * kind looked up in one query, and contacts for new numbers and addresses created together. A
 * concurrent first message to the same new number makes the caller's transaction fail on the unique
 * identity; the caller retries and then finds it.
 */
@Service
public class ContactResolver {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

    /** A destination as resolved: the contact, or why there is none ({@code code} is stable). */
    public record Resolution(Contact contact, boolean created, String code, String problem) {

        static Resolution found(Contact contact, boolean created) {
            return new Resolution(contact, created, null, null);
        }

        static Resolution invalid(String code, String problem) {
            return new Resolution(null, false, code, problem);
        }

        public boolean resolved() {
            return contact != null;
        }
    }

    private final ContactRepository contacts;
    private final WorkspaceManagement workspaces;
    private final Clock clock;

    ContactResolver(ContactRepository contacts, WorkspaceManagement workspaces, Clock clock) {
        this.contacts = contacts;
        this.workspaces = workspaces;
        this.clock = clock;
    }

    /** One resolution per distinct destination, keyed by the destination as given (stripped). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, Resolution> resolve(long workspaceId, Collection<String> destinations) {
        Workspace ws = workspaces.require(workspaceId);
        Map<String, Resolution> out = new HashMap<>();
        Map<String, Long> ids = new LinkedHashMap<>();
        Map<String, PhoneNumbers.Normalized> phones = new LinkedHashMap<>();
        Map<String, String> emails = new LinkedHashMap<>();
        for (String raw : new LinkedHashSet<>(destinations)) {
            if (raw.startsWith("ct_")) {
                PublicId.parse("ct_", raw).ifPresentOrElse(id -> ids.put(raw, id),
                        () -> out.put(raw, Resolution.invalid("contact_not_found", "is not a contact of this workspace")));
            } else if (raw.contains("@")) {
                String email = raw.toLowerCase(Locale.ROOT);
                if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
                    out.put(raw, Resolution.invalid("invalid_destination", "is not a valid email address"));
                } else {
                    emails.put(raw, email);
                }
            } else {
                PhoneNumbers.normalize(raw, ws.defaultCountry(), ws.timezone()).ifPresentOrElse(n -> phones.put(raw, n),
                        () -> out.put(raw, Resolution.invalid("invalid_destination",
                                PhoneNumbers.problem(raw, ws.defaultCountry()))));
            }
        }
        Map<Long, Contact> byId = new HashMap<>();
        contacts.findAllWithoutTags(workspaceId, Set.copyOf(ids.values())).forEach(c -> byId.put(c.id(), c));
        ids.forEach((raw, id) -> {
            Contact c = byId.get(id);
            out.put(raw, c == null ? Resolution.invalid("contact_not_found", "is not a contact of this workspace")
                    : c.erased() ? Resolution.invalid("contact_erased", "was erased") : Resolution.found(c, false));
        });
        Map<String, Contact> known = new HashMap<>();
        for (Contact c : contacts.findByIdentity(workspaceId, phones.values().stream().map(PhoneNumbers.Normalized::e164)
                .toList(), emails.values())) {
            if (c.phone() != null) {
                known.put(c.phone(), c);
            }
            if (c.email() != null) {
                known.put(c.email(), c);
            }
        }
        Instant now = clock.instant();
        List<ContactRepository.Row> fresh = new ArrayList<>();
        Map<String, Contact> created = new HashMap<>();
        Map<String, String> keyOf = new LinkedHashMap<>();
        phones.forEach((raw, n) -> keyOf.put(raw, n.e164()));
        keyOf.putAll(emails);
        var missing = keyOf.values().stream().filter(k -> !known.containsKey(k)).distinct().toList();
        var newIds = missing.isEmpty() ? List.<Long>of() : contacts.reserveIds(missing.size());
        Map<String, PhoneNumbers.Normalized> normalizedByE164 = new HashMap<>();
        phones.values().forEach(n -> normalizedByE164.put(n.e164(), n));
        for (int i = 0; i < missing.size(); i++) {
            String key = missing.get(i);
            var n = normalizedByE164.get(key);
            String phone = n == null ? null : key;
            String email = n == null ? key : null;
            String zone = n == null || n.timezone() == null ? ws.timezone() : n.timezone();
            String country = n == null || n.country() == null ? ws.defaultCountry() : n.country();
            fresh.add(new ContactRepository.Row(newIds.get(i), workspaceId, phone, email, null, null,
                    ws.defaultLanguage(), zone, country, Map.of()));
            created.put(key, new Contact(newIds.get(i), workspaceId, phone, email, null, null, ws.defaultLanguage(),
                    zone, country, List.of(), Map.of(), now, now, null));
        }
        if (!fresh.isEmpty()) {
            contacts.insertAll(fresh, now);
        }
        keyOf.forEach((raw, key) -> out.put(raw, known.containsKey(key) ? Resolution.found(known.get(key), false)
                : Resolution.found(created.get(key), true)));
        return out;
    }
}
