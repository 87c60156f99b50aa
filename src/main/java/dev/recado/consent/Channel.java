package dev.recado.consent;

/** A channel of the consent ledger; ALL covers every channel at once. */
public enum Channel {
    SMS, WHATSAPP, EMAIL, RCS, TELEGRAM, WEBCHAT, ALL;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
