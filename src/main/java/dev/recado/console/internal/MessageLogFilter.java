package dev.recado.console.internal;

import dev.recado.common.PublicId;

import dev.recado.common.ApiException;
import dev.recado.common.WireEnum;
import dev.recado.messaging.MessageFilter;
import dev.recado.messaging.MessageStatus;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The message log's filters as the query string carries them; blanks mean "any". Dates are days
 * of the workspace's calendar, both ends included; a campaign by its {@code cmp_} id.
 */
record MessageLogFilter(String status, String direction, String contact, String from, String to, String campaign) {

    static final List<String> DIRECTIONS = List.of("outbound", "inbound");

    static MessageLogFilter of(String status, String direction, String contact, String from, String to,
            String campaign) {
        return new MessageLogFilter(ContactForm.blankToNull(status), ContactForm.blankToNull(direction),
                ContactForm.blankToNull(contact), ContactForm.blankToNull(from), ContactForm.blankToNull(to),
                ContactForm.blankToNull(campaign));
    }

    /** With the contact the reader meant already found (by phone, email or name). */
    MessageFilter toFilter(Long contactId, ZoneId zone) {
        MessageStatus wanted = status == null ? null : WireEnum.require(MessageStatus.class, status, "status");
        if (direction != null && !DIRECTIONS.contains(direction)) {
            throw ApiException.invalid("direction", "must be one of " + DIRECTIONS);
        }
        LocalDate first = day(from, "from_day");
        LocalDate last = day(to, "to_day");
        if (first != null && last != null && last.isBefore(first)) {
            throw ApiException.invalid("to_day", "must not be before from");
        }
        Long campaignId = campaign == null ? null : PublicId.parse("cmp_", campaign)
                .orElseThrow(() -> ApiException.invalid("campaign", "must be a campaign of this workspace"));
        return new MessageFilter(wanted, null, contactId, campaignId, direction,
                first == null ? null : first.atStartOfDay(zone).toInstant(),
                last == null ? null : last.plusDays(1).atStartOfDay(zone).toInstant());
    }

    private static LocalDate day(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be a date (YYYY-MM-DD)");
        }
    }

    public boolean any() {
        return status != null || direction != null || contact != null || from != null || to != null
                || campaign != null;
    }
}
