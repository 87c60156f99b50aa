package dev.recado.channels.smpp.internal;

import dev.recado.channels.smpp.internal.DeliveryReceipts.IdFormat;
import dev.recado.common.FieldProblem;
import dev.recado.common.Redacted;
import dev.recado.common.WireEnum;
import dev.recado.messaging.spi.SettingChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One SMPP sender account's settings, read from its JSON config. {@link #validate} names every bad
 * field before the sender is saved, so {@link #from} never meets a value it cannot use. Limits are
 * SMPP 3.4's C-Octet String sizes: a longer system_id or password would fail every bind.
 * {@code reconcileByQuery} turns on crash reconciliation by {@code query_sm} (see {@link ReferenceQuery});
 * it is off by default because only some SMSCs answer it.
 */
public record SmppSettings(String host, int port, String systemId, String password, String systemType,
        String sourceAddress, Integer sourceTon, Integer sourceNpi, Binds binds, int window, int ratePerSecond,
        int enquireLinkSeconds, boolean registeredDelivery, Concatenation concatenation, Duration reconnectMin,
        Duration reconnectMax, Duration submitTimeout, IdFormat receiptIdFormat, boolean reconcileByQuery) {

    /** Never the secrets: a record's own toString would print them into any log line. */
    @Override
    public String toString() {
        return Redacted.toString(this);
    }

    /** One transceiver session, or a transmitter and a receiver for SMSCs without transceiver. */
    public enum Binds {
        TRX, TX_RX
    }

    /** How a long message's parts are tied together: a UDH in each part or SAR TLVs. */
    public enum Concatenation {
        UDH, SAR
    }

    public static final Set<String> NAMES = Set.of("host", "port", "system_id", "password", "system_type",
            "source_address", "source_ton", "source_npi", "binds", "window", "rate_per_second",
            "enquire_link_seconds", "registered_delivery", "concatenation", "reconnect_min_ms", "reconnect_max_ms",
            "submit_timeout_seconds", "receipt_id_format", "reconcile_by_query", "approved_sender_ids");

    /** The numbering plans SMPP 3.4 defines. */
    private static final Set<Integer> NPIS = Set.of(0, 1, 3, 4, 6, 8, 9, 10, 14, 18);

    /**
     * Sender names and numbers the carrier has approved for this account besides its
     * {@code source_address}: a message may show one of them in {@code from}.
     */
    private static void approvedSenderIds(Object value, List<FieldProblem> problems) {
        if (value == null) {
            return;
        }
        if (!(value instanceof List<?> list) || list.size() > 100) {
            problems.add(new FieldProblem("approved_sender_ids", "must be a list of at most 100 sender ids"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String id) || !(id.matches("[A-Za-z0-9 ]{1,11}") || id.matches("\\+?[0-9]{3,15}"))) {
                problems.add(new FieldProblem("approved_sender_ids[" + i + "]",
                        "must be up to 11 letters and digits, or a number"));
            }
        }
    }

    public static List<FieldProblem> validate(Map<String, Object> settings) {
        List<FieldProblem> problems = new ArrayList<>();
        new TreeSet<>(settings.keySet()).stream().filter(k -> !NAMES.contains(k))
                .forEach(k -> problems.add(new FieldProblem(k, "is not a setting of provider smpp")));
        Reader r = new Reader(settings, problems);
        String host = r.text("host", null, 255);
        if (host == null) {
            problems.add(new FieldProblem("host", "is required"));
        } else if (!SettingChecks.isHost(host)) {
            problems.add(new FieldProblem("host", "must be a host name or an IP address"));
        }
        r.integer("port", 2775, 1, 65_535);
        if (r.text("system_id", null, 15) == null) {
            problems.add(new FieldProblem("system_id", "is required"));
        }
        r.text("password", "", 8);
        r.text("system_type", "", 12);
        String source = r.text("source_address", null, 20);
        if (source == null) {
            // refused here rather than failing every message at submit time
            problems.add(new FieldProblem("source_address", "is required: the sender id or number messages come from"));
        } else if (AddressRules.alphanumeric(source) && source.length() > AddressRules.MAX_ALPHANUMERIC) {
            problems.add(new FieldProblem("source_address", "an alphanumeric sender id has at most 11 characters"));
        } else if (source != null && !AddressRules.alphanumeric(source) && !source.matches("\\+?\\d+")) {
            problems.add(new FieldProblem("source_address", "must be a number, a short code or an alphanumeric id"));
        }
        approvedSenderIds(settings.get("approved_sender_ids"), problems);
        r.integer("source_ton", 0, 0, 6);
        if (!NPIS.contains(r.integer("source_npi", 0, 0, 18))) {
            problems.add(new FieldProblem("source_npi", "must be one of " + new TreeSet<>(NPIS)));
        }
        r.choice("binds", "trx", Binds.class);
        r.integer("window", 10, 1, 1_000);
        r.integer("rate_per_second", 50, 1, 100_000);
        r.integer("enquire_link_seconds", 30, 1, 3_600);
        r.bool("registered_delivery", true);
        r.choice("concatenation", "udh", Concatenation.class);
        int min = r.integer("reconnect_min_ms", 1_000, 10, 600_000);
        int max = r.integer("reconnect_max_ms", 60_000, 10, 3_600_000);
        if (max < min) {
            problems.add(new FieldProblem("reconnect_max_ms", "must not be less than reconnect_min_ms"));
        }
        r.integer("submit_timeout_seconds", 10, 1, 300);
        r.choice("receipt_id_format", "as_is", IdFormat.class);
        r.bool("reconcile_by_query", false);
        return problems;
    }

    /** Reads settings that passed {@link #validate}; throws when they did not. */
    public static SmppSettings from(Map<String, Object> settings) {
        List<FieldProblem> problems = validate(settings);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid SMPP settings: " + problems);
        }
        Reader r = new Reader(settings, new ArrayList<>());
        return new SmppSettings(r.text("host", null, 255), r.integer("port", 2775, 1, 65_535),
                r.text("system_id", null, 15), r.text("password", "", 8), r.text("system_type", "", 12),
                r.text("source_address", null, 20),
                settings.get("source_ton") == null ? null : r.integer("source_ton", 0, 0, 6),
                settings.get("source_npi") == null ? null : r.integer("source_npi", 0, 0, 18),
                r.choice("binds", "trx", Binds.class), r.integer("window", 10, 1, 1_000),
                r.integer("rate_per_second", 50, 1, 100_000), r.integer("enquire_link_seconds", 30, 1, 3_600),
                r.bool("registered_delivery", true), r.choice("concatenation", "udh", Concatenation.class),
                Duration.ofMillis(r.integer("reconnect_min_ms", 1_000, 10, 600_000)),
                Duration.ofMillis(r.integer("reconnect_max_ms", 60_000, 10, 3_600_000)),
                Duration.ofSeconds(r.integer("submit_timeout_seconds", 10, 1, 300)),
                r.choice("receipt_id_format", "as_is", IdFormat.class), r.bool("reconcile_by_query", false));
    }

    /** Reads one value at a time, noting a problem (and answering the default) when it is unusable. */
    private record Reader(Map<String, Object> settings, List<FieldProblem> problems) {

        /** Never the password: a record's own toString would print the settings into any log line. */
        @Override
        public String toString() {
            return Redacted.toString(this);
        }

        String text(String key, String fallback, int maxLength) {
            Object value = settings.get(key);
            if (value != null && !(value instanceof String)) {
                problems.add(new FieldProblem(key, "must be a string"));
                return fallback;
            }
            if (value == null || value.toString().isBlank()) {
                return fallback;
            }
            String text = value.toString().trim();
            if (text.chars().anyMatch(Character::isISOControl)) {
                problems.add(new FieldProblem(key, "must not contain control characters"));
            }
            if (text.length() > maxLength) {
                problems.add(new FieldProblem(key, "must be at most " + maxLength + " characters"));
            }
            return text;
        }

        int integer(String key, int fallback, int min, int max) {
            Object value = settings.get(key);
            if (value == null) {
                return fallback;
            }
            if (!(value instanceof Number) && !(value instanceof String)) {
                problems.add(new FieldProblem(key, "must be a whole number"));
                return fallback;
            }
            try {
                int n = value instanceof Number num && num.doubleValue() == num.intValue()
                        ? num.intValue() : Integer.parseInt(value.toString().trim());
                if (n < min || n > max) {
                    problems.add(new FieldProblem(key, "must be between " + min + " and " + max));
                    return fallback;
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem(key, "must be a whole number"));
                return fallback;
            }
        }

        boolean bool(String key, boolean fallback) {
            Object value = settings.get(key);
            if (value == null) {
                return fallback;
            }
            if (value instanceof Boolean b) {
                return b;
            }
            // "true"/"false" as text (form posts) pass; a number never means a boolean
            return switch (value instanceof String text ? text.trim().toLowerCase(Locale.ROOT) : "") {
                case "true" -> true;
                case "false" -> false;
                default -> {
                    problems.add(new FieldProblem(key, "must be true or false"));
                    yield fallback;
                }
            };
        }

        <E extends Enum<E>> E choice(String key, String fallback, Class<E> type) {
            Object value = settings.get(key);
            String wire = value == null ? fallback : value instanceof String text ? text.trim().toLowerCase(Locale.ROOT) : "";
            return WireEnum.parse(type, wire).orElseGet(() -> {
                List<String> allowed = Arrays.stream(type.getEnumConstants()).map(WireEnum::name).toList();
                problems.add(new FieldProblem(key, "must be one of " + allowed));
                return WireEnum.parse(type, fallback).orElseThrow();
            });
        }
    }
}
