package dev.recado.content.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Invariants of every plan, over texts mixing GSM, extension, other BMP chars and emoji. */
class SmsEncoderPropertiesTest {

    @Property(tries = 500)
    void partsJoinBackToTheText(@ForAll("bodies") String body, @ForAll boolean smart) {
        SmsPlan plan = SmsEncoder.plan(body, smart);

        assertThat(String.join("", plan.parts().stream().map(SmsPart::text).toList())).isEqualTo(plan.text());
        assertThat(plan.segments()).isEqualTo(plan.parts().size());
    }

    @Property(tries = 500)
    void everyPartFitsItsLimitAndTheUnitsAddUp(@ForAll("bodies") String body, @ForAll boolean smart) {
        SmsPlan plan = SmsEncoder.plan(body, smart);
        SmsEncoding encoding = plan.encoding();
        int limit = plan.segments() == 1 ? encoding.singlePartUnits() : encoding.multipartUnits();

        List<Integer> partUnits = plan.parts().stream().map(p -> unitsOf(p, encoding)).toList();

        assertThat(partUnits).allSatisfy(units -> assertThat(units).isLessThanOrEqualTo(limit));
        assertThat(partUnits.stream().mapToInt(Integer::intValue).sum()).isEqualTo(plan.units());
        assertThat(plan.segments() == 1).isEqualTo(plan.units() <= encoding.singlePartUnits());
    }

    @Property(tries = 500)
    void payloadsDecodeToTheirPartText(@ForAll("bodies") String body, @ForAll boolean smart) {
        SmsPlan plan = SmsEncoder.plan(body, smart);

        assertThat(plan.parts()).allSatisfy(part ->
                assertThat(SmsEncoder.decode(part.payload(), plan.encoding())).isEqualTo(part.text()));
    }

    @Property(tries = 500)
    void noPartBoundaryFallsInsideASurrogatePair(@ForAll("bodies") String body) {
        SmsPlan plan = SmsEncoder.plan(body, false);
        String text = plan.text();

        int boundary = 0;
        for (SmsPart part : plan.parts().subList(0, plan.segments() - 1)) {
            boundary += part.text().length();
            assertThat(Character.isHighSurrogate(text.charAt(boundary - 1))
                    && Character.isLowSurrogate(text.charAt(boundary)))
                    .as("split inside the pair at %d", boundary).isFalse();
        }
    }

    @Property(tries = 300)
    void partsAreFilledGreedily(@ForAll("bodies") String body) {
        SmsPlan plan = SmsEncoder.plan(body, false);
        SmsEncoding encoding = plan.encoding();

        for (int i = 0; i + 1 < plan.parts().size(); i++) {
            SmsPart next = plan.parts().get(i + 1);
            String firstOfNext = next.text().substring(0, next.text().offsetByCodePoints(0, 1));
            int units = unitsOf(plan.parts().get(i), encoding) + unitsOf(firstOfNext, encoding);
            assertThat(units).as("next part's first char would have fit").isGreaterThan(encoding.multipartUnits());
        }
    }

    @Property(tries = 300)
    void smartEncodingEitherKeepsTheBodyOrMakesItGsm7(@ForAll("bodies") String body) {
        SmsPlan plan = SmsEncoder.plan(body, true);

        if (!plan.text().equals(body)) {
            assertThat(plan.encoding()).isEqualTo(SmsEncoding.GSM7);
            assertThat(plan.replacements()).isNotEmpty();
        } else {
            assertThat(plan.replacements()).isEmpty();
        }
        assertThat(plan.encoding() == SmsEncoding.GSM7).isEqualTo(SmsEncoder.isGsm7(plan.text()));
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> gsmBasic = Arbitraries.of("a", "Z", "0", " ", "@", "\u00E9", "\u00F1", "\u0394", "\n");
        Arbitrary<String> gsmExtension = Arbitraries.of("\u20AC", "{", "}", "[", "]", "~", "\\", "|", "^", "\f");
        Arbitrary<String> lookAlikes = Arbitraries.of("\u2019", "\u201C", "\u2013", "\u00A0", "\u2026", "\u00AB");
        Arbitrary<String> otherBmp = Arbitraries.of("\u00E1", "\u0436", "\u4E2D", "\u00E7");
        Arbitrary<String> emoji = Arbitraries.of("\uD83D\uDE00", "\uD83C\uDDEA\uD83C\uDDF8", "\uD83D\uDC4D\uD83C\uDFFD");
        Arbitrary<String> anyChar = Arbitraries.chars().map(String::valueOf);
        Arbitrary<String> token = Arbitraries.frequencyOf(
                Tuple.of(60, gsmBasic), Tuple.of(15, gsmExtension),
                Tuple.of(10, lookAlikes), Tuple.of(5, otherBmp),
                Tuple.of(5, emoji), Tuple.of(2, anyChar));
        // Mostly-GSM bodies as well as mixed ones, so both encodings reach several parts.
        Arbitrary<String> mixed = token.list().ofMaxSize(400).map(tokens -> String.join("", tokens));
        Arbitrary<String> gsmOnly = Arbitraries.oneOf(gsmBasic, gsmExtension, lookAlikes)
                .list().ofMaxSize(500).map(tokens -> String.join("", tokens));
        return Arbitraries.oneOf(mixed, gsmOnly);
    }

    private static int unitsOf(SmsPart part, SmsEncoding encoding) {
        // Counted from the bytes, independently of how the encoder counted the text.
        return encoding == SmsEncoding.GSM7 ? part.payloadLength() : part.payloadLength() / 2;
    }

    private static int unitsOf(String text, SmsEncoding encoding) {
        return encoding == SmsEncoding.GSM7 ? SmsEncoder.gsmSeptets(text) : text.length();
    }
}
