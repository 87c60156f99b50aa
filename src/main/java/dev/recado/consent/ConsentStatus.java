package dev.recado.consent;

/** The two facts the ledger records. */
public enum ConsentStatus {
    OPTED_IN, OPTED_OUT;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
