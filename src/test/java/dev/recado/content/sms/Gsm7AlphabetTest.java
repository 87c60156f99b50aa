package dev.recado.content.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tables checked against 3GPP TS 23.038 written out a second way (code points by septet, as in
 * the Unicode GSM0338 mapping), so a typo in either copy fails here.
 */
class Gsm7AlphabetTest {

    /** Code point for each septet of the basic table; -1 at 0x1B, the escape. */
    static final int[] BASIC_CODE_POINTS = {
        0x0040, 0x00A3, 0x0024, 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC,
        0x00F2, 0x00C7, 0x000A, 0x00D8, 0x00F8, 0x000D, 0x00C5, 0x00E5,
        0x0394, 0x005F, 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8,
        0x03A3, 0x0398, 0x039E, -1, 0x00C6, 0x00E6, 0x00DF, 0x00C9,
        0x0020, 0x0021, 0x0022, 0x0023, 0x00A4, 0x0025, 0x0026, 0x0027,
        0x0028, 0x0029, 0x002A, 0x002B, 0x002C, 0x002D, 0x002E, 0x002F,
        0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037,
        0x0038, 0x0039, 0x003A, 0x003B, 0x003C, 0x003D, 0x003E, 0x003F,
        0x00A1, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045, 0x0046, 0x0047,
        0x0048, 0x0049, 0x004A, 0x004B, 0x004C, 0x004D, 0x004E, 0x004F,
        0x0050, 0x0051, 0x0052, 0x0053, 0x0054, 0x0055, 0x0056, 0x0057,
        0x0058, 0x0059, 0x005A, 0x00C4, 0x00D6, 0x00D1, 0x00DC, 0x00A7,
        0x00BF, 0x0061, 0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067,
        0x0068, 0x0069, 0x006A, 0x006B, 0x006C, 0x006D, 0x006E, 0x006F,
        0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077,
        0x0078, 0x0079, 0x007A, 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0,
    };

    /** Extension table pairs: {septet after the escape, code point}. */
    static final int[][] EXTENSION = {
        {0x0A, 0x000C}, {0x14, 0x005E}, {0x28, 0x007B}, {0x29, 0x007D}, {0x2F, 0x005C},
        {0x3C, 0x005B}, {0x3D, 0x007E}, {0x3E, 0x005D}, {0x40, 0x007C}, {0x65, 0x20AC},
    };

    static int[] basicSeptets() {
        return IntStream.range(0, 128).filter(s -> s != 0x1B).toArray();
    }

    static IntStream extensionIndexes() {
        return IntStream.range(0, EXTENSION.length);
    }

    @ParameterizedTest(name = "basic septet {0}")
    @MethodSource("basicSeptets")
    void everyBasicCharIsOneSeptetAndRoundTrips(int septet) {
        String text = Character.toString(BASIC_CODE_POINTS[septet]);

        SmsPlan plan = SmsEncoder.plan(text, false);

        assertThat(plan.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(SmsEncoder.gsmSeptets(text)).isEqualTo(1);
        assertThat(plan.units()).isEqualTo(1);
        assertThat(plan.parts().getFirst().payload()).containsExactly((byte) septet);
        assertThat(SmsEncoder.decode(new byte[] {(byte) septet}, SmsEncoding.GSM7)).isEqualTo(text);
    }

    @ParameterizedTest(name = "extension entry {0}")
    @MethodSource("extensionIndexes")
    void everyExtensionCharIsEscapePlusCodeAndRoundTrips(int index) {
        int septet = EXTENSION[index][0];
        String text = Character.toString(EXTENSION[index][1]);

        SmsPlan plan = SmsEncoder.plan(text, false);

        assertThat(plan.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(SmsEncoder.gsmSeptets(text)).isEqualTo(2);
        assertThat(plan.units()).isEqualTo(2);
        assertThat(plan.parts().getFirst().payload()).containsExactly((byte) 0x1B, (byte) septet);
        assertThat(SmsEncoder.decode(new byte[] {0x1B, (byte) septet}, SmsEncoding.GSM7)).isEqualTo(text);
    }

    @Test
    void exactlyTheTableCharsAreGsm7AmongAllOfTheBmp() {
        Set<Character> expected = new HashSet<>();
        for (int codePoint : BASIC_CODE_POINTS) {
            if (codePoint >= 0) {
                expected.add((char) codePoint);
            }
        }
        for (int[] entry : EXTENSION) {
            expected.add((char) entry[1]);
        }
        assertThat(expected).hasSize(127 + 10);

        Set<Character> actual = new HashSet<>();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (SmsEncoder.isGsm7(String.valueOf((char) c))) {
                actual.add((char) c);
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void wholeAlphabetInOneTextRoundTripsAcrossParts() {
        StringBuilder all = new StringBuilder();
        for (int septet : basicSeptets()) {
            all.appendCodePoint(BASIC_CODE_POINTS[septet]);
        }
        for (int[] entry : EXTENSION) {
            all.appendCodePoint(entry[1]);
        }

        SmsPlan plan = SmsEncoder.plan(all.toString(), false);

        assertThat(plan.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(plan.units()).isEqualTo(127 + 2 * 10);
        assertThat(plan.segments()).isEqualTo(1);
        assertThat(SmsEncoder.decode(plan.parts().getFirst().payload(), SmsEncoding.GSM7))
                .isEqualTo(all.toString());
    }

    @Test
    void lookAlikesOutsideTheTableAreNotGsm7() {
        // ç is the common confusion for 0x09 (Ç); ` and the Latin A-with-acute are not in the table.
        assertThat(SmsEncoder.gsmSeptets("\u00E7")).isEqualTo(-1);
        assertThat(SmsEncoder.gsmSeptets("`")).isEqualTo(-1);
        assertThat(SmsEncoder.gsmSeptets("\u00E1")).isEqualTo(-1);
        assertThat(SmsEncoder.gsmSeptets("ok \u00E1")).isEqualTo(-1);
    }
}
