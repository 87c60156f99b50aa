package dev.recado.console.internal;

import dev.recado.common.ApiException;
import dev.recado.common.PublicId;
import dev.recado.contacts.ContactFilter;
import java.util.List;
import java.util.Locale;

/**
 * A bulk action as the contact list's form sends it: what to do, the tag it needs, and either the
 * selected rows ({@code ids}) or every contact the list's search and tag match ({@code scope=filter}).
 */
record BulkForm(String action, String bulkTag, List<String> ids, String scope, String q, String tag) {

    enum Action {
        TAG, UNTAG, OPT_OUT, ERASE;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean needsTag() {
            return this == TAG || this == UNTAG;
        }
    }

    Action requireAction() {
        for (Action a : Action.values()) {
            if (a.wire().equals(action)) {
                return a;
            }
        }
        throw ApiException.invalid("action", "must be one of tag, untag, opt_out, erase");
    }

    boolean wholeFilter() {
        return "filter".equals(scope);
    }

    ContactFilter filter() {
        return new ContactFilter(ContactForm.blankToNull(tag), ContactForm.blankToNull(q), null, null);
    }

    /** The selected rows' ids; an id in any other spelling is a contact that does not exist. */
    List<Long> selected() {
        if (ids == null || ids.isEmpty()) {
            throw ApiException.invalid("ids", "choose at least one contact");
        }
        return ids.stream().map(id -> PublicId.require(ConsoleFormat.CONTACT, id, "Contact")).toList();
    }

    public List<String> idsOrEmpty() {
        return ids == null ? List.of() : ids;
    }
}
