package dev.recado.console.internal;

import dev.recado.common.PublicId;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactFilter;
import dev.recado.contacts.ContactManagement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Whom a send form addresses: the one person typed in, everyone with a tag, or a pasted list of
 * numbers (one per line, or separated by commas or semicolons; repeats count once).
 */
@Component
class SendRecipients {

    /** The most a console send loops over; larger audiences wait for campaigns. */
    static final int MAX = 5_000;
    private static final int PAGE = 500;

    /**
     * {@code destinations} maps what each message is sent to (a ct_ id or a number) to the phone it
     * is priced by (null when unknown until sending); {@code invalid} holds pasted entries that are
     * not numbers; {@code truncated} says the audience was larger than {@link #MAX}.
     */
    record Resolved(Map<String, String> destinations, List<String> invalid, boolean truncated) {
        int count() {
            return destinations.size();
        }
    }

    private final ContactManagement contacts;

    SendRecipients(ContactManagement contacts) {
        this.contacts = contacts;
    }

    Resolved resolve(long workspaceId, SendForm form) {
        return switch (form.modeOrOne()) {
            case SendForm.TAG -> tagged(workspaceId, ContactForm.blankToNull(form.tag()));
            case SendForm.LIST -> pasted(workspaceId, form.numbers());
            default -> one(workspaceId, ContactForm.blankToNull(form.to()));
        };
    }

    private Resolved one(long workspaceId, String to) {
        if (to == null) {
            return new Resolved(Map.of(), List.of(), false);
        }
        var contactId = PublicId.parse(ConsoleFormat.CONTACT, to);
        String phone = contactId.isPresent()
                ? contacts.find(workspaceId, contactId.get()).map(Contact::phone).orElse(null)
                : contacts.normalizePhone(workspaceId, to).orElse(null);
        Map<String, String> one = new LinkedHashMap<>();
        one.put(to, phone);
        return new Resolved(one, List.of(), false);
    }

    private Resolved tagged(long workspaceId, String tag) {
        Map<String, String> found = new LinkedHashMap<>();
        if (tag == null) {
            return new Resolved(found, List.of(), false);
        }
        long before = Long.MAX_VALUE;
        while (found.size() <= MAX) {
            List<Contact> page = contacts.list(workspaceId, new ContactFilter(tag, null, null, null), before, PAGE);
            for (Contact c : page) {
                if (c.phone() != null && !c.erased()) {
                    found.put(PublicId.of(ConsoleFormat.CONTACT, c.id()), c.phone());
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            before = page.getLast().id();
        }
        return limit(found, List.of());
    }

    private Resolved pasted(long workspaceId, String numbers) {
        Map<String, String> found = new LinkedHashMap<>();
        Set<String> invalid = new LinkedHashSet<>();
        if (numbers != null) {
            for (String entry : numbers.split("[\\r\\n,;]+")) {
                String number = entry.strip();
                if (number.isEmpty()) {
                    continue;
                }
                contacts.normalizePhone(workspaceId, number).ifPresentOrElse(e164 -> found.put(e164, e164),
                        () -> invalid.add(number));
            }
        }
        return limit(found, new ArrayList<>(invalid));
    }

    private static Resolved limit(Map<String, String> found, List<String> invalid) {
        if (found.size() <= MAX) {
            return new Resolved(found, invalid, false);
        }
        Map<String, String> first = new LinkedHashMap<>();
        found.entrySet().stream().limit(MAX).forEach(e -> first.put(e.getKey(), e.getValue()));
        return new Resolved(first, invalid, true);
    }
}
