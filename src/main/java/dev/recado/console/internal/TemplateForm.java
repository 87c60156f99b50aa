package dev.recado.console.internal;

import dev.recado.campaigns.TemplateManagement;
import java.util.ArrayList;
import java.util.List;

/**
 * The template editor's fields: a name, a purpose and rows of variants posted as parallel lists
 * (one channel, language, subject and text per row). A row without text is no variant. An email
 * row's text is its plain-text part; a WhatsApp row's is the approved template's name.
 */
record TemplateForm(String name, String purpose, List<String> channel, List<String> language, List<String> subject,
        List<String> body) {

    static final int ROWS = 4;

    static TemplateForm empty(String language) {
        List<String> channels = new ArrayList<>(List.of("sms", "sms", "sms", "sms"));
        List<String> languages = new ArrayList<>(List.of(language, "", "", ""));
        List<String> empty = new ArrayList<>(List.of("", "", "", ""));
        return new TemplateForm(null, "marketing", channels, languages, empty, empty);
    }

    /** Rows as many as the editor shows, so the page can index them. */
    public int rows() {
        return ROWS;
    }

    public String at(List<String> values, int i) {
        return values != null && i < values.size() ? values.get(i) : "";
    }

    List<TemplateManagement.Variant> variants() {
        List<TemplateManagement.Variant> variants = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String text = orNull(at(body, i));
            if (text == null) {
                continue;
            }
            String ch = orNull(at(channel, i)) == null ? "sms" : at(channel, i);
            String lang = orNull(at(language, i));
            String subj = orNull(at(subject, i));
            variants.add(switch (ch) {
                case "email" -> new TemplateManagement.Variant(ch, lang, null, subj, null, text, null, null);
                case "whatsapp" -> new TemplateManagement.Variant(ch, lang, null, null, null, null, text, null);
                default -> new TemplateManagement.Variant(ch, lang, text, subj, null, null, null, null);
            });
        }
        return variants;
    }

    String nameOrNull() {
        return orNull(name);
    }

    private static String orNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
