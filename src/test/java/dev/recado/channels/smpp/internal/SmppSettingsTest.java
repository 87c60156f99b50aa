package dev.recado.channels.smpp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recado.channels.smpp.internal.DeliveryReceipts.IdFormat;
import dev.recado.common.FieldProblem;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmppSettingsTest {

    private static Map<String, Object> minimal(Object... extra) {
        Map<String, Object> s = new HashMap<>(Map.of("host", "smsc.example.com", "system_id", "recado", "source_address", "RECADO"));
        for (int i = 0; i < extra.length; i += 2) {
            s.put((String) extra[i], extra[i + 1]);
        }
        return s;
    }

    private static List<String> fields(Map<String, Object> settings) {
        return SmppSettings.validate(settings).stream().map(FieldProblem::field).toList();
    }

    @Test
    void defaultsForEverythingButHostAndSystemId() {
        SmppSettings s = SmppSettings.from(minimal());

        assertThat(s.port()).isEqualTo(2775);
        assertThat(s.binds()).isEqualTo(SmppSettings.Binds.TRX);
        assertThat(s.window()).isEqualTo(10);
        assertThat(s.enquireLinkSeconds()).isEqualTo(30);
        assertThat(s.registeredDelivery()).isTrue();
        assertThat(s.concatenation()).isEqualTo(SmppSettings.Concatenation.UDH);
        assertThat(s.sourceTon()).isNull();
        assertThat(s.sourceNpi()).isNull();
        assertThat(s.password()).isEmpty();
        assertThat(s.reconnectMin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.reconnectMax()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.submitTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.receiptIdFormat()).isEqualTo(IdFormat.AS_IS);
        assertThat(s.reconcileByQuery()).isFalse();
    }

    @Test
    void readsEverySettingIncludingStringsFromJson() {
        SmppSettings s = SmppSettings.from(minimal("port", "2776", "password", "pw", "system_type", "vma",
                "source_address", "+34910000000", "source_ton", 1, "source_npi", "1", "binds", "TX_RX",
                "window", 50, "rate_per_second", 200, "enquire_link_seconds", 15, "registered_delivery", "false",
                "concatenation", "sar", "reconnect_min_ms", 200, "reconnect_max_ms", 5000,
                "submit_timeout_seconds", 3, "receipt_id_format", "decimal_of_hex", "reconcile_by_query", true));

        assertThat(s).isEqualTo(new SmppSettings("smsc.example.com", 2776, "recado", "pw", "vma", "+34910000000", 1, 1,
                SmppSettings.Binds.TX_RX, 50, 200, 15, false, SmppSettings.Concatenation.SAR, Duration.ofMillis(200),
                Duration.ofMillis(5000), Duration.ofSeconds(3), IdFormat.DECIMAL_OF_HEX, true));
    }

    @Test
    void hostAndSystemIdAreRequired() {
        assertThat(fields(Map.of())).containsExactly("host", "system_id", "source_address");
        assertThat(fields(Map.of("host", " ", "system_id", ""))).containsExactly("host", "system_id", "source_address");
    }

    @Test
    void unknownKeysAreRefused() {
        assertThat(SmppSettings.validate(minimal("hostname", "x", "tls", true)))
                .containsExactly(new FieldProblem("hostname", "is not a setting of provider smpp"),
                        new FieldProblem("tls", "is not a setting of provider smpp"));
    }

    @ParameterizedTest
    @CsvSource({
        "port, 0", "port, 70000", "port, abc", "port, 2775.5", "system_id, sixteen_chars_id", "password, ninechars",
        "system_type, thirteenchars", "source_address, TwelveChars1", "source_address, 12-34", "source_ton, 7",
        "source_npi, 2", "binds, rx", "window, 0", "window, 1001", "rate_per_second, 0", "enquire_link_seconds, 0",
        "registered_delivery, yes", "concatenation, none", "reconnect_min_ms, 1", "submit_timeout_seconds, 0",
        "receipt_id_format, hex", "reconcile_by_query, sometimes", "host, user:secret@smsc.example.com",
        "host, smpp://smsc.example.com", "host, smsc.example.com:2775"})
    void badValuesNameTheirField(String field, String value) {
        Object typed = value.matches("-?\\d+") ? Integer.valueOf(value) : value.equals("2775.5") ? 2775.5 : value;

        assertThat(fields(minimal(field, typed))).containsExactly(field);
        assertThatThrownBy(() -> SmppSettings.from(minimal(field, typed))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostsByNameOrAddressAreTaken() {
        assertThat(fields(minimal("host", "10.0.0.7"))).isEmpty();
        assertThat(fields(minimal("host", "[2001:db8::7]"))).isEmpty();
        assertThat(fields(minimal("host", "smsc-2.carrier.example"))).isEmpty();
    }

    @Test
    void alphanumericSenderIdsUpToElevenCharacters() {
        assertThat(fields(minimal("source_address", "RecadoShop1"))).isEmpty();
        assertThat(SmppSettings.validate(minimal("source_address", "RecadoShop12")))
                .containsExactly(new FieldProblem("source_address", "an alphanumeric sender id has at most 11 characters"));
        assertThat(fields(minimal("source_address", "12345678901234567890"))).isEmpty();
        assertThat(fields(minimal("source_address", "5050"))).isEmpty();
    }

    @Test
    void reconnectMaxNotBelowMin() {
        assertThat(fields(minimal("reconnect_min_ms", 5000, "reconnect_max_ms", 1000)))
                .containsExactly("reconnect_max_ms");
    }

    @Test
    void namesListsEveryAcceptedKey() {
        assertThat(SmppSettings.NAMES).contains("host", "port", "system_id", "password", "system_type",
                "source_address", "source_ton", "source_npi", "binds", "window", "rate_per_second",
                "enquire_link_seconds", "registered_delivery", "concatenation", "reconcile_by_query");
    }
}
