package dev.recado.channels.smpp.internal;

/**
 * The TON/NPI an address goes out with. Alphanumeric sender ids are TON 5 (alphanumeric) NPI 0; a
 * number with {@code +} or a long number is international (TON 1) on ISDN/E.164 (NPI 1), sent
 * without the plus; a short code (up to 8 digits) is TON 3 (network specific) NPI 0. A sender's
 * explicit source_ton/source_npi override the guess, because some SMSCs insist on their own values.
 */
public final class AddressRules {

    /** An address as it goes into a PDU. */
    public record SmppAddress(String address, int ton, int npi) {
    }

    public static final int TON_INTERNATIONAL = 1;
    public static final int TON_NETWORK_SPECIFIC = 3;
    public static final int TON_ALPHANUMERIC = 5;
    public static final int NPI_UNKNOWN = 0;
    public static final int NPI_ISDN = 1;
    public static final int MAX_ALPHANUMERIC = 11;
    public static final int MAX_SHORT_CODE = 8;

    private AddressRules() {
    }

    public static SmppAddress source(String address, Integer tonOverride, Integer npiOverride) {
        SmppAddress guess = guess(address == null ? "" : address.trim());
        return new SmppAddress(guess.address(), tonOverride != null ? tonOverride : guess.ton(),
                npiOverride != null ? npiOverride : guess.npi());
    }

    /** Destinations are E.164 numbers: international, without the plus. */
    public static SmppAddress destination(String to) {
        String digits = to.trim();
        digits = digits.startsWith("+") ? digits.substring(1) : digits;
        return new SmppAddress(digits, TON_INTERNATIONAL, NPI_ISDN);
    }

    public static boolean alphanumeric(String address) {
        return address.chars().anyMatch(Character::isLetter);
    }

    private static SmppAddress guess(String address) {
        if (alphanumeric(address)) {
            return new SmppAddress(address, TON_ALPHANUMERIC, NPI_UNKNOWN);
        }
        if (address.startsWith("+")) {
            return new SmppAddress(address.substring(1), TON_INTERNATIONAL, NPI_ISDN);
        }
        if (!address.isEmpty() && address.length() <= MAX_SHORT_CODE) {
            return new SmppAddress(address, TON_NETWORK_SPECIFIC, NPI_UNKNOWN);
        }
        return new SmppAddress(address, TON_INTERNATIONAL, NPI_ISDN);
    }
}
