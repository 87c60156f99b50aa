package dev.recado.consent;

public enum KeywordAction {
    OPT_OUT, OPT_IN, HELP;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
