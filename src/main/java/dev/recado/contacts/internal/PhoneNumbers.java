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

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();

    private PhoneNumbers() {
    }

    /**
     * Empty when the text is not a valid number for the region. Where a number spans several zones
     * (a Spanish mobile may be on the Canaries) the workspace's own zone wins, being the likelier.
     */
    public static Optional<Normalized> normalize(String raw, String defaultCountry, String workspaceZone) {
        if (raw == null || raw.isBlank() || raw.length() > 40) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(raw, defaultCountry);
            if (!UTIL.isValidNumber(number)) {
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
