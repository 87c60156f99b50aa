package dev.recado.consent;

/** Why a message is sent: promotions need an opt-in, service messages do not. */
public enum Purpose {
    MARKETING, TRANSACTIONAL;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
