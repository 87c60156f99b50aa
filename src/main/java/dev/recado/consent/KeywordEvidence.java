package dev.recado.consent;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The evidence a keyword reply leaves in the ledger: what the person wrote and on which channel.
 * Stored as one English line (what the API shows); readers in other languages get the two parts
 * back with {@link #read} and word them themselves.
 */
public record KeywordEvidence(String text, Channel channel) {

    private static final int MAX_TEXT = 160;
    private static final Pattern STORED = Pattern.compile("(?s)Sent \"(.*)\" on ([a-z]+)");

    public static KeywordEvidence of(String receivedText, Channel channel) {
        String text = receivedText == null ? "" : receivedText;
        return new KeywordEvidence(text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…", channel);
    }

    /** The parts of a stored line, if it is one this class wrote. */
    public static Optional<KeywordEvidence> read(String evidence) {
        if (evidence == null) {
            return Optional.empty();
        }
        var m = STORED.matcher(evidence);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new KeywordEvidence(m.group(1), Channel.valueOf(m.group(2).toUpperCase(java.util.Locale.ROOT))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The line the ledger stores. */
    public String stored() {
        return "Sent \"" + text + "\" on " + channel;
    }
}
