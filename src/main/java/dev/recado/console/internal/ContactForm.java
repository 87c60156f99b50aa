package dev.recado.console.internal;

import dev.recado.contacts.ContactInput;
import java.util.Arrays;
import java.util.List;

/** The "new contact" form as typed; blanks mean "not given" and tags are comma-separated. */
record ContactForm(String phone, String email, String firstName, String lastName, String tags) {

    static final ContactForm EMPTY = new ContactForm(null, null, null, null, null);

    ContactInput toInput() {
        return new ContactInput(blankToNull(phone), blankToNull(email), blankToNull(firstName),
                blankToNull(lastName), null, null, splitTags(tags), null);
    }

    static List<String> splitTags(String tags) {
        if (tags == null || tags.isBlank()) {
            return null;
        }
        return Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
