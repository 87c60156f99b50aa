package dev.recado.consent;

/** "BAJA" in Spanish opts the sender out of every channel, and this is what we reply. */
public record KeywordRule(long id, String keyword, String language, KeywordAction action, Channel channel,
        String reply) {
}
