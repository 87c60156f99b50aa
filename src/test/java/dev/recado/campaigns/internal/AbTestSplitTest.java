package dev.recado.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The split is a pure function of (campaign, contact): the same on every node and after every restart. */
class AbTestSplitTest {

    @Test
    void splitsTheTestShareEvenlyAndTheSameWayEveryTime() {
        AbTest ab = new AbTest(42, List.of(1L, 2L, 3L), 20, "click_rate", 60, AbTest.TEST, null, null, null);
        AbTest again = new AbTest(42, List.of(1L, 2L, 3L), 20, "click_rate", 60, AbTest.REST, null, 1, null);
        int inTest = 0;
        int[] perVariant = new int[3];
        for (long contact = 1; contact <= 30_000; contact++) {
            assertThat(again.inTest(contact)).isEqualTo(ab.inTest(contact));
            if (ab.inTest(contact)) {
                inTest++;
                perVariant[ab.variantOf(contact)]++;
                assertThat(again.variantOf(contact)).isEqualTo(ab.variantOf(contact));
            }
        }
        assertThat(inTest).isBetween(5_700, 6_300);
        for (int n : perVariant) {
            assertThat(n).isBetween(1_850, 2_150);
        }
    }

    @Test
    void theHighestRateWinsAndATieGoesToTheLowestIndex() {
        var results = List.of(result(0, 100, 10), result(1, 50, 5), result(2, 10, 2));
        assertThat(AbTests.winner("click_rate", results)).isEqualTo(2);
        assertThat(AbTests.winner("click_rate", List.of(result(0, 100, 10), result(1, 50, 5)))).isZero();
        assertThat(AbTests.winner("click_rate", List.of(result(0, 0, 0), result(1, 0, 0)))).isZero();
        assertThat(AbTests.winner("reply_rate", List.of(result(0, 100, 10), result(1, 50, 5)))).isZero();
    }

    private static AbTestStore.VariantResult result(int v, long messages, long clicked) {
        return new AbTestStore.VariantResult(v, v + 1, messages, messages, messages, messages, clicked, 0);
    }
}
