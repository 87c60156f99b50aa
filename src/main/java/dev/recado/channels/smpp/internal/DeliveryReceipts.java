package dev.recado.channels.smpp.internal;

import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.ProviderReceipt.ReceiptState;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads SMPP delivery receipts. The text format ({@code id:X sub:001 dlvrd:001 submit date:... done
 * date:... stat:DELIVRD err:000 text:...}) is only an appendix of SMPP 3.4, so carriers vary it: case,
 * spacing, missing or reordered fields, 12-digit dates, ids in decimal where submit_sm_resp gave hex.
 * The receipted_message_id and message_state TLVs are normative, so when present they win over the
 * text. Pure: no jSMPP types, no clock.
 */
public final class DeliveryReceipts {

    /** How the receipt text's id relates to the id that submit_sm_resp returned. */
    public enum IdFormat {
        /** The same string (the common case, and what the SMPP appendix intends). */
        AS_IS,
        /** submit_sm_resp gave hex, the receipt text gives it in decimal (jSMPP's simulator, some carriers). */
        DECIMAL_OF_HEX,
        /** submit_sm_resp gave decimal, the receipt text gives it in hex. */
        HEX_OF_DECIMAL
    }

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern HEX = Pattern.compile("(?i)[0-9a-f]+");
    private static final Pattern ZEROS = Pattern.compile("0+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private DeliveryReceipts() {
    }

    /**
     * Parses one receipt. Empty when neither the TLV nor the text names a message id, since such a
     * receipt cannot be matched to anything. {@code doneAt} falls back to {@code receivedAt} when the
     * text has no usable done date (dates carry no zone; they are read as UTC).
     */
    public static Optional<ProviderReceipt> parse(String text, String tlvMessageId, Integer tlvMessageState,
            IdFormat idFormat, Instant receivedAt) {
        Map<String, String> fields = fields(text == null ? "" : text);
        String id = blankToNull(tlvMessageId) != null
                ? canonicalSubmitId(tlvMessageId.trim(), idFormat)
                : textId(firstToken(fields.get("id")), idFormat);
        if (id == null) {
            return Optional.empty();
        }
        String stat = firstToken(fields.get("stat"));
        ReceiptState state = tlvMessageState != null ? fromMessageState(tlvMessageState) : fromStat(stat);
        String err = firstToken(fields.get("err"));
        String errorCode = err == null || ZEROS.matcher(err).matches() ? null : err;
        boolean success = state == ReceiptState.DELIVERED || state == ReceiptState.ACCEPTED || state == ReceiptState.READ;
        String errorText = success ? null
                : stat != null ? stat.toUpperCase(Locale.ROOT)
                : tlvMessageState != null ? "message_state " + tlvMessageState : null;
        Instant doneAt = smscDate(fields.get("done date"));
        return Optional.of(new ProviderReceipt(id, state, errorCode, errorText, doneAt == null ? receivedAt : doneAt));
    }

    /**
     * The form in which submit ids are stored, so receipt ids compare equal to them: lower-case when
     * receipt ids are converted from decimal to hex, unchanged otherwise.
     */
    public static String canonicalSubmitId(String id, IdFormat idFormat) {
        return idFormat == IdFormat.DECIMAL_OF_HEX ? id.toLowerCase(Locale.ROOT) : id;
    }

    /** SMPP message_state (TLV 0x0427, query_sm_resp) to our receipt state. */
    public static ReceiptState fromMessageState(int messageState) {
        return switch (messageState) {
            case 1, 6 -> ReceiptState.ACCEPTED; // ENROUTE, ACCEPTED: not final yet
            case 2 -> ReceiptState.DELIVERED;
            case 3 -> ReceiptState.EXPIRED;
            case 4, 5, 9 -> ReceiptState.UNDELIVERED; // DELETED, UNDELIVERABLE, SKIPPED (5.0)
            case 8 -> ReceiptState.REJECTED;
            default -> ReceiptState.UNKNOWN;
        };
    }

    /** The {@code stat:} word to our receipt state; prefixes, so DELIVERED and UNDELIVERABLE also read. */
    public static ReceiptState fromStat(String stat) {
        if (stat == null) {
            return ReceiptState.UNKNOWN;
        }
        String s = stat.toUpperCase(Locale.ROOT);
        if (DIGITS.matcher(s).matches() && s.length() < 3) {
            return fromMessageState(Integer.parseInt(s)); // a few SMSCs print the message_state number
        }
        if (s.startsWith("UNDELIV") || s.startsWith("DELET") || s.startsWith("FAIL")) {
            return ReceiptState.UNDELIVERED;
        }
        if (s.startsWith("DELIV")) {
            return ReceiptState.DELIVERED;
        }
        if (s.startsWith("EXPIR")) {
            return ReceiptState.EXPIRED;
        }
        if (s.startsWith("REJECT")) {
            return ReceiptState.REJECTED;
        }
        if (s.startsWith("ACCEPT") || s.startsWith("ENROUTE")) {
            return ReceiptState.ACCEPTED;
        }
        if (s.startsWith("READ")) {
            return ReceiptState.READ;
        }
        return ReceiptState.UNKNOWN;
    }

    /** The receipt's fields by lower-case key ("done date"); {@code text} takes the rest of the line. */
    static Map<String, String> fields(String text) {
        Map<String, String> fields = new HashMap<>();
        String key = null;
        int valueStart = 0;
        for (var found = ReceiptKeys.next(text, 0); found != null; found = ReceiptKeys.next(text, found.end())) {
            if (key != null) {
                fields.putIfAbsent(key, text.substring(valueStart, found.start()).trim());
            }
            key = found.key();
            valueStart = found.end();
            if (key.equals("text")) {
                break; // free text may contain anything that looks like a key
            }
        }
        if (key != null) {
            fields.putIfAbsent(key, text.substring(valueStart).trim());
        }
        return fields;
    }

    private static String textId(String id, IdFormat idFormat) {
        if (id == null) {
            return null;
        }
        return switch (idFormat) {
            case AS_IS -> id;
            case DECIMAL_OF_HEX -> DIGITS.matcher(id).matches() ? new BigInteger(id).toString(16) : id.toLowerCase(Locale.ROOT);
            case HEX_OF_DECIMAL -> HEX.matcher(id).matches() ? new BigInteger(id, 16).toString() : id;
        };
    }

    /** {@code YYMMDDhhmm} or {@code YYMMDDhhmmss}, read as UTC; null when absent or not a date. */
    static Instant smscDate(String value) {
        if (value == null) {
            return null;
        }
        String digits = WHITESPACE.matcher(value).replaceAll("");
        int end = 0;
        while (end < digits.length() && Character.isDigit(digits.charAt(end))) {
            end++;
        }
        digits = digits.substring(0, end);
        if (digits.length() != 10 && digits.length() != 12) {
            return null;
        }
        try {
            LocalDateTime t = LocalDateTime.of(2000 + num(digits, 0), num(digits, 2), num(digits, 4),
                    num(digits, 6), num(digits, 8), digits.length() == 12 ? num(digits, 10) : 0);
            return t.toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int num(String digits, int at) {
        return Integer.parseInt(digits.substring(at, at + 2));
    }

    private static String firstToken(String value) {
        if (value == null) {
            return null;
        }
        String v = WHITESPACE.split(value.trim(), 2)[0];
        return v.isEmpty() ? null : v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
