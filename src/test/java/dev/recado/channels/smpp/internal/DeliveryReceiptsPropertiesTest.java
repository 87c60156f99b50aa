package dev.recado.channels.smpp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.channels.smpp.internal.DeliveryReceipts.IdFormat;
import dev.recado.messaging.spi.ProviderReceipt;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** Whatever a carrier's spacing, case and free text, the id, state and done date read back. */
class DeliveryReceiptsPropertiesTest {

    private static final Instant RECEIVED = Instant.parse("2030-01-01T00:00:00Z");
    private static final DateTimeFormatter SMSC = DateTimeFormatter.ofPattern("yyMMddHHmm");

    @Property(tries = 500)
    void fieldsRoundTrip(@ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 40) String id,
            @ForAll("stats") String stat, @ForAll @IntRange(min = 0, max = 999_999) int minutes,
            @ForAll("spaces") String gap, @ForAll boolean upperCaseKeys, @ForAll String freeText) {
        Instant done = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(minutes * 60L);
        String date = SMSC.format(LocalDateTime.ofInstant(done, ZoneOffset.UTC));
        String text = key("id", upperCaseKeys) + gap + ":" + gap + id
                + " " + key("sub", upperCaseKeys) + ":001 " + key("dlvrd", upperCaseKeys) + ":001 "
                + key("submit date", upperCaseKeys) + ":" + gap + date + " "
                + key("done date", upperCaseKeys) + gap + ":" + date + gap + " "
                + key("stat", upperCaseKeys) + ":" + stat + " " + key("err", upperCaseKeys) + ":000 "
                + key("text", upperCaseKeys) + ":" + freeText;

        ProviderReceipt r = DeliveryReceipts.parse(text, null, null, IdFormat.AS_IS, RECEIVED).orElseThrow();

        assertThat(r.providerId()).isEqualTo(id);
        assertThat(r.state()).isEqualTo(DeliveryReceipts.fromStat(stat));
        assertThat(r.state() == ProviderReceipt.ReceiptState.UNKNOWN).isEqualTo(stat.equals("UNKNOWN"));
        assertThat(r.doneAt()).isEqualTo(done);
        assertThat(r.errorCode()).isNull();
    }

    @Property(tries = 200)
    void tlvsAlwaysWin(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String tlvId,
            @ForAll @IntRange(min = 1, max = 9) int messageState, @ForAll String anyText) {
        ProviderReceipt r = DeliveryReceipts.parse(anyText, tlvId, messageState, IdFormat.AS_IS, RECEIVED)
                .orElseThrow();

        assertThat(r.providerId()).isEqualTo(tlvId);
        assertThat(r.state()).isEqualTo(DeliveryReceipts.fromMessageState(messageState));
    }

    @Property(tries = 300)
    void decimalIdsConvertBackToTheHexSubmitId(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int value) {
        String hexSubmitId = Integer.toHexString(value).toUpperCase(Locale.ROOT);

        ProviderReceipt r = DeliveryReceipts.parse("id:" + value + " stat:DELIVRD", null, null,
                IdFormat.DECIMAL_OF_HEX, RECEIVED).orElseThrow();

        assertThat(r.providerId()).isEqualTo(DeliveryReceipts.canonicalSubmitId(hexSubmitId, IdFormat.DECIMAL_OF_HEX));
    }

    @Provide
    Arbitrary<String> stats() {
        return Arbitraries.of("DELIVRD", "UNDELIV", "EXPIRED", "REJECTD", "DELETED", "ACCEPTD", "UNKNOWN", "ENROUTE");
    }

    @Provide
    Arbitrary<String> spaces() {
        return Arbitraries.of("", " ", "  ", "\t");
    }

    private static String key(String key, boolean upper) {
        return upper ? key.toUpperCase(Locale.ROOT) : key;
    }
}
