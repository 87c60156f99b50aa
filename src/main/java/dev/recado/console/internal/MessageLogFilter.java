package dev.recado.console.internal;

import dev.recado.common.ApiException;
import dev.recado.common.PublicId;
import dev.recado.common.WireEnum;
import dev.recado.messaging.MessageFilter;
import dev.recado.messaging.MessageStatus;
import java.util.List;

/** The message log's filters as the query string carries them; blanks mean "any". */
record MessageLogFilter(String status, String direction, String contact) {

    static final List<String> DIRECTIONS = List.of("outbound", "inbound");

    static MessageLogFilter of(String status, String direction, String contact) {
        return new MessageLogFilter(ContactForm.blankToNull(status), ContactForm.blankToNull(direction),
                ContactForm.blankToNull(contact));
    }

    /** An id that is not a contact's matches nothing, as in the API, rather than being ignored. */
    MessageFilter toFilter() {
        return toFilter(contact == null ? null : PublicId.parse(ConsoleFormat.CONTACT, contact).orElse(-1L));
    }

    /** With the contact the reader meant already found (by phone, email or name). */
    MessageFilter toFilter(Long contactId) {
        MessageStatus wanted = status == null ? null : WireEnum.require(MessageStatus.class, status, "status");
        if (direction != null && !DIRECTIONS.contains(direction)) {
            throw ApiException.invalid("direction", "must be one of " + DIRECTIONS);
        }
        return new MessageFilter(wanted, null, contactId, null, direction);
    }

    public boolean any() {
        return status != null || direction != null || contact != null;
    }
}
