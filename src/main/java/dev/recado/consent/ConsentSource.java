package dev.recado.consent;

/** Where a consent fact came from; kept as evidence. */
public enum ConsentSource {
    API, IMPORT, KEYWORD, LINK, FORM, AGENT;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
