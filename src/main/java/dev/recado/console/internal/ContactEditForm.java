package dev.recado.console.internal;

import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "edit contact" form as typed. Attributes arrive as parallel lists of names and values (one
 * row per attribute, plus an empty row for a new one); an emptied value removes the attribute and
 * an emptied tag box removes every tag (a request without the box keeps them). Blank identity
 * fields keep what is stored.
 */
record ContactEditForm(String phone, String email, String firstName, String lastName, String language, String tags,
        List<String> attrName, List<String> attrValue) {

    static ContactEditForm of(Contact c) {
        var names = new ArrayList<>(c.attributes().keySet());
        var values = names.stream().map(n -> String.valueOf(c.attributes().get(n))).toList();
        return new ContactEditForm(c.phone(), c.email(), c.firstName(), c.lastName(), c.language(),
                String.join(", ", c.tags()), names, values);
    }

    ContactInput toInput() {
        List<String> tagList = ContactForm.splitTags(tags);
        return new ContactInput(ContactForm.blankToNull(phone), ContactForm.blankToNull(email),
                ContactForm.blankToNull(firstName), ContactForm.blankToNull(lastName), ContactForm.blankToNull(language),
                null, tags == null ? null : tagList == null ? List.of() : tagList, attributes());
    }

    private Map<String, Object> attributes() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        List<String> names = attrName == null ? List.of() : attrName;
        for (int i = 0; i < names.size(); i++) {
            String name = ContactForm.blankToNull(names.get(i));
            if (name != null) {
                attributes.put(name, attrValue == null || i >= attrValue.size() ? null
                        : ContactForm.blankToNull(attrValue.get(i)));
            }
        }
        return attributes;
    }

    /** The rows the form shows: one per attribute, and an empty one to add another. */
    public List<String[]> attributeRows() {
        List<String[]> rows = new ArrayList<>();
        List<String> names = attrName == null ? List.of() : attrName;
        for (int i = 0; i < names.size(); i++) {
            if (ContactForm.blankToNull(names.get(i)) != null) {
                rows.add(new String[] {names.get(i), attrValue == null || i >= attrValue.size() ? "" : attrValue.get(i)});
            }
        }
        rows.add(new String[] {"", ""});
        return rows;
    }
}
