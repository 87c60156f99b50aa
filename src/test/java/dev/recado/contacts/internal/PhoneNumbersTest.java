package dev.recado.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A number is written with digits and separators only; letters never turn into digits or an extension. */
class PhoneNumbersTest {

    @Test
    void lettersAndExtensionsAreRefusedThoughLibphonenumberWouldReadThem() {
        for (String raw : new String[] {"600000000x", "+1 800 FLOWERS", "612 345 678 ext. 12", "612 345 678 x12",
                "612 345 678#1", "612345678;ext=1", "tel:+34612345678", "6I2 345 678"}) {
            assertThat(PhoneNumbers.dialable(raw)).as(raw).isFalse();
            assertThat(PhoneNumbers.normalize(raw, "ES", "Europe/Madrid")).as(raw).isEmpty();
            assertThat(PhoneNumbers.problem(raw, "ES")).as(raw).contains("no letters, no extension");
        }
    }

    @Test
    void theUsualWaysOfWritingANumberStillNormalise() {
        for (String raw : new String[] {"612 345 678", "+34 612-345-678", "(+34) 612.345.678", "612/34/56/78",
                "612\u00a0345\u00a0678", " +34612345678\t", "\uff16\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18"}) {
            assertThat(PhoneNumbers.dialable(raw)).as(raw).isTrue();
            assertThat(PhoneNumbers.normalize(raw, "ES", "Europe/Madrid")).as(raw).get()
                    .extracting(PhoneNumbers.Normalized::e164).isEqualTo("+34612345678");
        }
        assertThat(PhoneNumbers.problem("12", "ES")).isEqualTo("is not a valid phone number (default country ES)");
    }
}
