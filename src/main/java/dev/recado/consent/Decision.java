package dev.recado.consent;

/** The answer to "may we send this?", with a stable reason a caller can branch on. */
public record Decision(boolean allowed, String reason) {

    public static final String OPTED_IN = "opted_in";
    public static final String OPTED_OUT = "opted_out";
    public static final String CONSENT_MISSING = "consent_missing";
    public static final String CONFIRMATION_PENDING = "confirmation_pending";
    public static final String TRANSACTIONAL = "transactional_allowed";
    public static final String STRICTLY_NECESSARY = "strictly_necessary";
    public static final String CONTACT_ERASED = "contact_erased";

    static Decision allow(String reason) {
        return new Decision(true, reason);
    }

    static Decision deny(String reason) {
        return new Decision(false, reason);
    }
}
