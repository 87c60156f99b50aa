package dev.recado.channels.smpp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.channels.smpp.internal.AddressRules.SmppAddress;
import dev.recado.messaging.spi.SubmitOutcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small pure rules of the SMPP adapter: addresses, times, backoff, status codes. */
class SmppPureRulesTest {

    @ParameterizedTest
    @CsvSource({
        "RECADO, RECADO, 5, 0", "Shop 24, Shop 24, 5, 0", "+34910000000, 34910000000, 1, 1",
        "5050, 5050, 3, 0", "12345678, 12345678, 3, 0", "34910000000, 34910000000, 1, 1"})
    void sourceTonNpiIsGuessed(String address, String sent, int ton, int npi) {
        assertThat(AddressRules.source(address, null, null)).isEqualTo(new SmppAddress(sent, ton, npi));
    }

    @Test
    void explicitTonNpiWin() {
        assertThat(AddressRules.source("RECADO", 0, 1)).isEqualTo(new SmppAddress("RECADO", 0, 1));
        assertThat(AddressRules.source("+34910000000", 2, null)).isEqualTo(new SmppAddress("34910000000", 2, 1));
    }

    @Test
    void destinationsAreInternational() {
        assertThat(AddressRules.destination("+447700900123")).isEqualTo(new SmppAddress("447700900123", 1, 1));
    }

    @ParameterizedTest
    @CsvSource({"2030-01-02T03:04:05Z, 300102030405000+", "1999-12-31T23:59:59.987Z, 991231235959900+"})
    void absoluteTimeInUtc(Instant instant, String expected) {
        assertThat(SmppTime.absolute(instant)).isEqualTo(expected);
    }

    @Test
    void backoffDoublesWithinItsCapAndJitters() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000));

        assertThat(backoff.delay(0, () -> 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(backoff.delay(0, () -> 0.999)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(backoff.delay(2, () -> 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(3, () -> 0.999)).isBetween(Duration.ofMillis(799), Duration.ofMillis(800));
        assertThat(backoff.delay(4, () -> 0.999)).isBetween(Duration.ofMillis(999), Duration.ofMillis(1_000));
        assertThat(backoff.delay(1_000, () -> 0.5)).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void throttlingStatusesAreTransientAndThrottled() {
        assertThat(SmppStatus.outcome(0x58, null)).isEqualTo(
                new SubmitOutcome.Transient("smpp_0x00000058", "throttled", true, Duration.ofSeconds(1)));
        assertThat(SmppStatus.outcome(0x14, null)).isInstanceOfSatisfying(SubmitOutcome.Transient.class,
                t -> assertThat(t.throttled()).isTrue());
    }

    @ParameterizedTest
    @CsvSource({"0x08", "0x04", "0x45", "0x64", "0xFE", "0xFF"})
    void smscTroubleIsTransientButNotThrottled(String status) {
        assertThat(SmppStatus.outcome(Integer.decode(status), "(part 1 of 2)"))
                .isInstanceOfSatisfying(SubmitOutcome.Transient.class, t -> {
                    assertThat(t.throttled()).isFalse();
                    assertThat(t.text()).endsWith("(part 1 of 2)");
                });
    }

    @ParameterizedTest
    @CsvSource({"0x0B, smpp_0x0000000b", "0x0A, smpp_0x0000000a", "0x01, smpp_0x00000001", "0x62, smpp_0x00000062",
        "0x0400, smpp_0x00000400"})
    void addressAndContentErrorsArePermanent(String status, String code) {
        assertThat(SmppStatus.outcome(Integer.decode(status), null))
                .isInstanceOfSatisfying(SubmitOutcome.Permanent.class, p -> assertThat(p.code()).isEqualTo(code));
    }
}
