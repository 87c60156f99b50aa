package dev.recado.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The consent law checked over every history of up to three facts drawn from all channels,
 * purposes, statuses and confirmation states, against a fold written independently of the rules.
 */
class ConsentRulesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Channel[] FACT_CHANNELS = {Channel.SMS, Channel.EMAIL, Channel.ALL};

    private static ConsentEvent fact(long id, int minute, Channel channel, Purpose purpose, ConsentStatus status,
            boolean pending) {
        return new ConsentEvent(id, 1, channel, purpose, status, ConsentSource.API, null, null,
                T0.plusSeconds(60L * minute), T0, pending);
    }

    private static List<ConsentEvent> allFacts() {
        List<ConsentEvent> facts = new ArrayList<>();
        for (Channel c : FACT_CHANNELS) {
            for (Purpose p : Purpose.values()) {
                for (ConsentStatus s : ConsentStatus.values()) {
                    facts.add(fact(0, 0, c, p, s, false));
                    if (s == ConsentStatus.OPTED_IN) {
                        facts.add(fact(0, 0, c, p, s, true));
                    }
                }
            }
        }
        return facts;
    }

    /** Independent oracle: walk the facts in time order and keep the last one that speaks. */
    private static Decision oracle(List<ConsentEvent> history, Channel channel, Purpose purpose, boolean necessary) {
        ConsentStatus state = null;
        boolean pendingSeen = false;
        List<ConsentEvent> ordered = new ArrayList<>(history);
        ordered.sort((a, b) -> a.occurredAt().equals(b.occurredAt()) ? Long.compare(a.id(), b.id())
                : a.occurredAt().compareTo(b.occurredAt()));
        for (ConsentEvent e : ordered) {
            boolean speaks = e.purpose() == purpose && (e.channel() == channel || e.channel() == Channel.ALL);
            if (!speaks) {
                continue;
            }
            if (e.pendingConfirmation()) {
                pendingSeen = true;
            } else {
                state = e.status();
            }
        }
        if (purpose == Purpose.TRANSACTIONAL) {
            if (state != ConsentStatus.OPTED_OUT) {
                return new Decision(true, Decision.TRANSACTIONAL);
            }
            return necessary ? new Decision(true, Decision.STRICTLY_NECESSARY) : new Decision(false, Decision.OPTED_OUT);
        }
        if (state == null) {
            return new Decision(false, pendingSeen ? Decision.CONFIRMATION_PENDING : Decision.CONSENT_MISSING);
        }
        return state == ConsentStatus.OPTED_IN ? new Decision(true, Decision.OPTED_IN)
                : new Decision(false, Decision.OPTED_OUT);
    }

    @Test
    void everyHistoryOfUpToThreeFactsAgreesWithTheOracle() {
        List<ConsentEvent> facts = allFacts();
        List<List<ConsentEvent>> histories = new ArrayList<>();
        histories.add(List.of());
        for (ConsentEvent a : facts) {
            histories.add(List.of(fact(1, 1, a.channel(), a.purpose(), a.status(), a.pendingConfirmation())));
            for (ConsentEvent b : facts) {
                for (int bMinute : new int[] {0, 1, 2}) {
                    var two = List.of(fact(1, 1, a.channel(), a.purpose(), a.status(), a.pendingConfirmation()),
                            fact(2, bMinute, b.channel(), b.purpose(), b.status(), b.pendingConfirmation()));
                    histories.add(two);
                    for (ConsentEvent c : facts) {
                        var three = new ArrayList<>(two);
                        three.add(fact(3, 3 - bMinute, c.channel(), c.purpose(), c.status(), c.pendingConfirmation()));
                        histories.add(three);
                    }
                }
            }
        }
        int checked = 0;
        for (List<ConsentEvent> history : histories) {
            for (Channel channel : Channel.values()) {
                if (channel == Channel.ALL) {
                    continue;
                }
                for (Purpose purpose : Purpose.values()) {
                    for (boolean necessary : new boolean[] {false, true}) {
                        assertThat(ConsentRules.decide(history, channel, purpose, necessary))
                                .as("%s %s %s necessary=%s", history, channel, purpose, necessary)
                                .isEqualTo(oracle(history, channel, purpose, necessary));
                        checked++;
                    }
                }
            }
        }
        // 18 facts: 1 + 18 + 18²·3 + 18³·3 histories, each for 6 channels, 2 purposes, 2 necessities
        assertThat(checked).isEqualTo(18_487 * 24);
    }

    @Test
    void namedCases() {
        var optIn = fact(1, 1, Channel.SMS, Purpose.MARKETING, ConsentStatus.OPTED_IN, false);
        var laterOut = fact(2, 2, Channel.ALL, Purpose.MARKETING, ConsentStatus.OPTED_OUT, false);
        var laterIn = fact(3, 3, Channel.SMS, Purpose.MARKETING, ConsentStatus.OPTED_IN, false);
        assertThat(ConsentRules.decide(List.of(), Channel.SMS, Purpose.MARKETING, false).reason())
                .isEqualTo(Decision.CONSENT_MISSING);
        assertThat(ConsentRules.decide(List.of(optIn), Channel.SMS, Purpose.MARKETING, false).allowed()).isTrue();
        assertThat(ConsentRules.decide(List.of(optIn), Channel.WHATSAPP, Purpose.MARKETING, false).allowed()).isFalse();
        assertThat(ConsentRules.decide(List.of(optIn, laterOut), Channel.SMS, Purpose.MARKETING, false).allowed()).isFalse();
        assertThat(ConsentRules.decide(List.of(laterOut, optIn, laterIn), Channel.SMS, Purpose.MARKETING, false).allowed()).isTrue();
        // a marketing opt-out leaves service messages alone
        assertThat(ConsentRules.decide(List.of(laterOut), Channel.SMS, Purpose.TRANSACTIONAL, false).allowed()).isTrue();
        var pendingEmail = fact(4, 4, Channel.EMAIL, Purpose.MARKETING, ConsentStatus.OPTED_IN, true);
        assertThat(ConsentRules.decide(List.of(pendingEmail), Channel.EMAIL, Purpose.MARKETING, false).reason())
                .isEqualTo(Decision.CONFIRMATION_PENDING);
        assertThatThrownBy(() -> ConsentRules.decide(List.of(), Channel.ALL, Purpose.MARKETING, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ConsentRules.state(List.of(optIn, laterOut)).get(Channel.WHATSAPP).get(Purpose.MARKETING))
                .isEqualTo(ConsentStatus.OPTED_OUT);
    }

    @Test
    void keywordsIgnoreCaseAccentsAndPunctuation() {
        assertThat(Keywords.firstWord("  baja. gracias")).isEqualTo("BAJA");
        assertThat(Keywords.firstWord("Stop!")).isEqualTo("STOP");
        assertThat(Keywords.firstWord("ALTÁ")).isEqualTo("ALTA");
        assertThat(Keywords.firstWord("")).isEmpty();
        assertThat(Keywords.firstWord(null)).isEmpty();
    }
}
