package dev.recado.contacts.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Optional;

/** libphonenumber behind the two questions we ask: the E.164 form, and where the number lives. */
public final class PhoneNumbers {

    public record Normalized(String e164, String country, String timezone) {
    }

    /**
     * The field problem of a number written with anything a dial pad and the usual separators do not
     * have. libphonenumber reads letters as vanity digits ({@code 800 FLOWERS}) or as an extension
     * ({@code x}, {@code ext. 12}, {@code #1}) and drops it, so a typo would become another valid
     * number; a messaging destination cannot take an extension either.
     */
    public static final String NOT_DIALABLE = "may hold only digits, spaces and + - . ( ) /"
            + " (no letters, no extension)";

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();

    private PhoneNumbers() {
    }

    /** Digits (of any script, libphonenumber reads them all), spaces and {@code + - . ( ) /} only. */
    public static boolean dialable(String raw) {
        return raw != null && raw.strip().chars().allMatch(c -> Character.isDigit(c) || Character.isSpaceChar(c)
                || "+-.()/".indexOf(c) >= 0);
    }

    /** Why {@code raw} is not a number {@link #normalize} takes, worded as a field problem. */
    public static String problem(String raw, String defaultCountry) {
        return dialable(raw) ? "is not a valid phone number (default country " + defaultCountry + ")" : NOT_DIALABLE;
    }

    /**
     * Empty when the text is not {@link #dialable} or not a valid number for the region. Where a number spans several zones
     * (a Spanish mobile may be on the Canaries) the workspace's own zone wins, being the likelier.
     */
    public static Optional<Normalized> normalize(String raw, String defaultCountry, String workspaceZone) {
        if (raw == null || raw.isBlank() || raw.length() > 40 || !dialable(raw)) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(raw, defaultCountry);
            if (!UTIL.isValidNumber(number) || number.hasExtension()) {
                return Optional.empty();
            }
            String e164 = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            List<String> zones = ZONES.getTimeZonesForNumber(number);
            String zone = zones.contains(workspaceZone) ? workspaceZone
                    : zones.isEmpty() || zones.get(0).equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())
                            ? null : zones.get(0);
            return Optional.of(new Normalized(e164, UTIL.getRegionCodeForNumber(number), zone));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
