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
        List<String> body, List<String> html, List<String> params) {

    static final int ROWS = 4;

    static TemplateForm empty(String language) {
        List<String> channels = new ArrayList<>(List.of("sms", "sms", "sms", "sms"));
        List<String> languages = new ArrayList<>(List.of(language, "", "", ""));
        List<String> empty = new ArrayList<>(List.of("", "", "", ""));
        return new TemplateForm(null, "marketing", channels, languages, empty, empty, empty, empty);
    }

    /**
     * A saved template in the editor. An email's HTML and a WhatsApp variant's parameters have no
     * input of their own: they ride along in hidden fields, so saving the other fields keeps them.
     */
    static TemplateForm of(TemplateManagement.TemplateView t) {
        int rows = Math.max(ROWS, t.variants().size());
        List<String> channels = new ArrayList<>();
        List<String> languages = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        List<String> htmls = new ArrayList<>();
        List<String> params = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            var v = i < t.variants().size() ? t.variants().get(i) : null;
            channels.add(v == null ? "sms" : v.channel());
            languages.add(v == null ? "" : v.language());
            subjects.add(v == null || v.subject() == null ? "" : v.subject());
            bodies.add(v == null ? "" : switch (v.channel()) {
                case "email" -> v.text() != null ? v.text() : "";
                case "whatsapp" -> v.whatsappTemplate();
                default -> v.body();
            });
            htmls.add(v == null || v.html() == null ? "" : v.html());
            params.add(v == null || v.params() == null ? "" : String.join("\n", v.params()));
        }
        return new TemplateForm(t.name(), t.purpose(), channels, languages, subjects, bodies, htmls, params);
    }

    /** Rows as many as the editor shows, so the page can index them (more when a template has more variants). */
    public int rows() {
        return Math.max(ROWS, body == null ? 0 : body.size());
    }

    public String at(List<String> values, int i) {
        return values != null && i < values.size() && values.get(i) != null ? values.get(i) : "";
    }

    List<TemplateManagement.Variant> variants() {
        List<TemplateManagement.Variant> variants = new ArrayList<>();
        for (int i = 0; i < rows(); i++) {
            String text = orNull(at(body, i));
            String markup = orNull(at(html, i));
            if (text == null && markup == null) {
                continue;
            }
            String ch = orNull(at(channel, i)) == null ? "sms" : at(channel, i);
            String lang = orNull(at(language, i));
            String subj = orNull(at(subject, i));
            List<String> values = orNull(at(params, i)) == null ? null : List.of(at(params, i).split("\r?\n"));
            variants.add(switch (ch) {
                case "email" -> new TemplateManagement.Variant(ch, lang, null, subj, markup, text, null, null);
                case "whatsapp" -> new TemplateManagement.Variant(ch, lang, null, null, null, null, text, values);
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
