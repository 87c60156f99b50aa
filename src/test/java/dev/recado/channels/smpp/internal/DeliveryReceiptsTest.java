package dev.recado.channels.smpp.internal;

import static dev.recado.channels.smpp.internal.DeliveryReceipts.IdFormat.AS_IS;
import static dev.recado.channels.smpp.internal.DeliveryReceipts.IdFormat.DECIMAL_OF_HEX;
import static dev.recado.channels.smpp.internal.DeliveryReceipts.IdFormat.HEX_OF_DECIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.channels.smpp.internal.DeliveryReceipts.IdFormat;
import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.ProviderReceipt.ReceiptState;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryReceiptsTest {

    private static final Instant RECEIVED = Instant.parse("2030-05-05T05:05:05Z");

    private static ProviderReceipt parse(String text) {
        return DeliveryReceipts.parse(text, null, null, AS_IS, RECEIVED).orElseThrow();
    }

    @Test
    void readsTheStandardFormat() {
        ProviderReceipt r = parse("id:7f3a09 sub:001 dlvrd:001 submit date:2401311259 done date:2402010001"
                + " stat:DELIVRD err:000 text:Hola, tu codigo es 1234");

        assertThat(r.providerId()).isEqualTo("7f3a09");
        assertThat(r.state()).isEqualTo(ReceiptState.DELIVERED);
        assertThat(r.errorCode()).isNull();
        assertThat(r.errorText()).isNull();
        assertThat(r.doneAt()).isEqualTo(Instant.parse("2024-02-01T00:01:00Z"));
    }

    @ParameterizedTest
    @CsvSource({
        "DELIVRD, DELIVERED", "UNDELIV, UNDELIVERED", "EXPIRED, EXPIRED", "REJECTD, REJECTED",
        "DELETED, UNDELIVERED", "ACCEPTD, ACCEPTED", "UNKNOWN, UNKNOWN", "ENROUTE, ACCEPTED",
        "delivrd, DELIVERED", "Undeliv, UNDELIVERED", "DELIVERED, DELIVERED", "UNDELIVERABLE, UNDELIVERED",
        "REJECTED, REJECTED", "ACCEPTED, ACCEPTED", "FAILED, UNDELIVERED", "2, DELIVERED", "5, UNDELIVERED",
        "8, REJECTED", "GARBAGE, UNKNOWN"})
    void mapsEveryStatWord(String stat, ReceiptState expected) {
        assertThat(parse("id:1 stat:" + stat + " err:000").state()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1, ACCEPTED", "2, DELIVERED", "3, EXPIRED", "4, UNDELIVERED", "5, UNDELIVERED", "6, ACCEPTED",
        "7, UNKNOWN", "8, REJECTED", "9, UNDELIVERED", "0, UNKNOWN", "42, UNKNOWN"})
    void mapsEveryMessageState(int messageState, ReceiptState expected) {
        assertThat(DeliveryReceipts.fromMessageState(messageState)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ID:abc SUB:001 DLVRD:001 SUBMIT DATE:2401311259 DONE DATE:2402010001 STAT:DELIVRD ERR:000 TEXT:x",
        "Id:abc Sub:001 Dlvrd:001 Submit Date:2401311259 Done Date:2402010001 Stat:DELIVRD Err:000 Text:x",
        "id: abc  sub: 001 dlvrd :001 submit date : 2401311259 done date: 2402010001  stat :  DELIVRD err : 000 text : x",
        "id:abc\tsub:001\tdlvrd:001\tsubmit date:2401311259\tdone date:2402010001\tstat:DELIVRD\terr:000\ttext:x",
        "id:abc submit_date:2401311259 done_date:2402010001 stat:DELIVRD err:000",
        "id:abc submitdate:2401311259 donedate:2402010001 stat:DELIVRD",
        "stat:DELIVRD done date:2402010001 id:abc",
        "id:abc sub:1 dlvrd:1 submit date:240131125959 done date:240201000100 stat:DELIVRD err:0 text:",
        "  id:abc   done date:2402010001 stat:DELIVRD  "})
    void toleratesCarrierVariations(String text) {
        ProviderReceipt r = parse(text);

        assertThat(r.providerId()).isEqualTo("abc");
        assertThat(r.state()).isEqualTo(ReceiptState.DELIVERED);
        assertThat(r.errorCode()).isNull();
        assertThat(r.doneAt()).isEqualTo(Instant.parse("2024-02-01T00:01:00Z"));
    }

    @Test
    void undeliveredCarriesTheErrorCodeAndStat() {
        ProviderReceipt r = parse("id:99 sub:001 dlvrd:000 submit date:2401311259 done date:2401311300"
                + " stat:UNDELIV err:001 text:hello");

        assertThat(r.state()).isEqualTo(ReceiptState.UNDELIVERED);
        assertThat(r.errorCode()).isEqualTo("001");
        assertThat(r.errorText()).isEqualTo("UNDELIV");
    }

    @Test
    void acceptsErrorSpelledOut() {
        assertThat(parse("id:9 stat:REJECTD error:0x0B").errorCode()).isEqualTo("0x0B");
    }

    @Test
    void missingFieldsFallBack() {
        ProviderReceipt r = parse("id:123");

        assertThat(r.state()).isEqualTo(ReceiptState.UNKNOWN);
        assertThat(r.errorCode()).isNull();
        assertThat(r.doneAt()).isEqualTo(RECEIVED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2413011200", "2402300000", "24020100", "abc", "", "240201000"})
    void unreadableDoneDateFallsBackToReceivedAt(String date) {
        assertThat(parse("id:1 done date:" + date + " stat:DELIVRD").doneAt()).isEqualTo(RECEIVED);
    }

    @Test
    void freeTextMayContainAnythingThatLooksLikeAKey() {
        ProviderReceipt r = parse("id:1 stat:DELIVRD err:000 text:stat:UNDELIV id:2 err:999");

        assertThat(r.providerId()).isEqualTo("1");
        assertThat(r.state()).isEqualTo(ReceiptState.DELIVERED);
        assertThat(r.errorCode()).isNull();
    }

    @Test
    void aKeyMustStartAWord() {
        assertThat(parse("msgid:5 id:6 stat:DELIVRD").providerId()).isEqualTo("6");
    }

    @Test
    void firstOccurrenceOfARepeatedKeyWins() {
        assertThat(parse("id:1 id:2 stat:DELIVRD").providerId()).isEqualTo("1");
    }

    @Test
    void noIdAnywhereIsNotAReceipt() {
        assertThat(DeliveryReceipts.parse("stat:DELIVRD err:000", null, null, AS_IS, RECEIVED)).isEmpty();
        assertThat(DeliveryReceipts.parse("", " ", null, AS_IS, RECEIVED)).isEmpty();
        assertThat(DeliveryReceipts.parse(null, null, 2, AS_IS, RECEIVED)).isEmpty();
        assertThat(DeliveryReceipts.parse("hello there", null, null, AS_IS, RECEIVED)).isEmpty();
    }

    @Test
    void tlvsWinOverTheText() {
        ProviderReceipt r = DeliveryReceipts.parse("id:999 stat:DELIVRD err:000", "A1B2", 5, AS_IS, RECEIVED)
                .orElseThrow();

        assertThat(r.providerId()).isEqualTo("A1B2");
        assertThat(r.state()).isEqualTo(ReceiptState.UNDELIVERED);
        assertThat(r.errorText()).isEqualTo("DELIVRD"); // what the text said, kept for the operator
    }

    @Test
    void tlvsAloneAreEnough() {
        ProviderReceipt r = DeliveryReceipts.parse(null, "A1B2", 2, AS_IS, RECEIVED).orElseThrow();

        assertThat(r).isEqualTo(new ProviderReceipt("A1B2", ReceiptState.DELIVERED, null, null, RECEIVED));
    }

    @Test
    void tlvStateWithoutTextNamesTheState() {
        ProviderReceipt r = DeliveryReceipts.parse(null, "x", 8, AS_IS, RECEIVED).orElseThrow();

        assertThat(r.state()).isEqualTo(ReceiptState.REJECTED);
        assertThat(r.errorText()).isEqualTo("message_state 8");
    }

    @Test
    void tlvIdWithTextStateUsesTheText() {
        ProviderReceipt r = DeliveryReceipts.parse("id:1 stat:EXPIRED err:004", "abc", null, AS_IS, RECEIVED)
                .orElseThrow();

        assertThat(r.providerId()).isEqualTo("abc");
        assertThat(r.state()).isEqualTo(ReceiptState.EXPIRED);
        assertThat(r.errorCode()).isEqualTo("004");
    }

    @ParameterizedTest
    @CsvSource({
        "AS_IS, 4660, 4660", "AS_IS, 1A2B, 1A2B",
        "DECIMAL_OF_HEX, 4660, 1234", "DECIMAL_OF_HEX, 0004660, 1234", "DECIMAL_OF_HEX, 1A2B, 1a2b",
        "HEX_OF_DECIMAL, 1234, 4660", "HEX_OF_DECIMAL, 1a2b, 6699", "HEX_OF_DECIMAL, x-1, x-1"})
    void convertsTextIdsToTheSubmitForm(IdFormat format, String textId, String expected) {
        assertThat(DeliveryReceipts.parse("id:" + textId + " stat:DELIVRD", null, null, format, RECEIVED)
                .orElseThrow().providerId()).isEqualTo(expected);
    }

    @Test
    void tlvIdsAreOnlyCanonicalisedNeverConverted() {
        // the TLV carries the submit_sm_resp form; only its case is aligned with stored submit ids
        assertThat(DeliveryReceipts.parse("id:1", "1A2B", 2, DECIMAL_OF_HEX, RECEIVED).orElseThrow().providerId())
                .isEqualTo("1a2b");
        assertThat(DeliveryReceipts.parse("id:1", "4660", 2, HEX_OF_DECIMAL, RECEIVED).orElseThrow().providerId())
                .isEqualTo("4660");
        assertThat(DeliveryReceipts.canonicalSubmitId("AbC", DECIMAL_OF_HEX)).isEqualTo("abc");
        assertThat(DeliveryReceipts.canonicalSubmitId("AbC", AS_IS)).isEqualTo("AbC");
    }
}
