package dev.recado.campaigns.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One recipient's links while their message is rendered: each distinct URL of the content becomes
 * one short link of theirs, and {@code {{unsubscribe_url}}} is their own unsubscribe link. The codes
 * are drawn here and written in bulk with the page ({@link LinkStore#insert}), before the engine
 * sees the messages that carry them.
 */
final class RecipientLinks {

    record Row(String code, String kind, String target) {
    }

    static final String LINK = "link";
    static final String UNSUBSCRIBE = "unsubscribe";
    private static final int MAX_TARGET = 2000;
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'`{}|\\\\^\\[\\]]+");
    private static final String TRAILING = ".,;:!?)";

    private final String base;
    private final long contactId;
    private final String unsubscribeCode;
    private final Map<String, String> codes = new LinkedHashMap<>();
    /** Codes a run that did not finish its page already stored for this recipient. */
    private final Set<String> stored = new HashSet<>();
    private boolean unsubscribeUsed;

    /**
     * {@code existing}: the recipient's links stored by an earlier run of the same page. They are
     * used again, so the text comes out as that run's message has it and the engine answers with
     * that message ({@code repeated}) instead of refusing a client reference with another body.
     */
    RecipientLinks(String base, long contactId, List<Row> existing) {
        this.base = base;
        this.contactId = contactId;
        String unsubscribe = null;
        for (Row row : existing) {
            stored.add(row.code());
            if (UNSUBSCRIBE.equals(row.kind())) {
                unsubscribe = row.code();
            } else {
                codes.put(row.target(), row.code());
            }
        }
        this.unsubscribeCode = unsubscribe != null ? unsubscribe : LinkCodes.next(LinkCodes.UNSUBSCRIBE_LENGTH);
    }

    long contactId() {
        return contactId;
    }

    String unsubscribeUrl() {
        return base + "/u/" + unsubscribeCode;
    }

    /** The unsubscribe link is kept even where no text shows it (email's List-Unsubscribe header). */
    String useUnsubscribe() {
        unsubscribeUsed = true;
        return unsubscribeUrl();
    }

    /** The text with every URL but our own links replaced by a short link. */
    String rewrite(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String url = m.group();
            int end = url.length();
            // "visit https://shop.example/sale." ends the sentence, not the URL
            while (end > 0 && TRAILING.indexOf(url.charAt(end - 1)) >= 0) {
                end--;
            }
            String trailing = url.substring(end);
            url = url.substring(0, end);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement(url) + trailing));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String replacement(String url) {
        if (url.equals(unsubscribeUrl())) {
            unsubscribeUsed = true;
            return url;
        }
        if (url.startsWith(base + "/l/") || url.startsWith(base + "/u/") || url.length() > MAX_TARGET) {
            return url;
        }
        String target;
        try {
            // an href in HTML escapes its ampersands; the redirect goes to the URL they stand for
            target = java.net.URI.create(url.replace("&amp;", "&")).toASCIIString();
        } catch (IllegalArgumentException e) {
            return url; // not a URL a redirect could name: left as written
        }
        return base + "/l/" + codes.computeIfAbsent(target, t -> LinkCodes.next(LinkCodes.LINK_LENGTH));
    }

    /** The links drawn for this rendering that are not stored yet. */
    List<Row> fresh() {
        return rows().stream().filter(r -> !stored.contains(r.code())).toList();
    }

    /** The links this recipient's message carries. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>(codes.size() + 1);
        codes.forEach((target, code) -> rows.add(new Row(code, LINK, target)));
        if (unsubscribeUsed) {
            rows.add(new Row(unsubscribeCode, UNSUBSCRIBE, null));
        }
        return rows;
    }
}
