package dev.recado.campaigns.internal;

import dev.recado.campaigns.CampaignAbWinnerChosen;
import dev.recado.common.FieldProblem;
import dev.recado.common.PublicId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Checks an {@code ab_test} request, and chooses a test's winner once its time has come. */
@Component
class AbTests {

    /** {@code ab_test} as the API takes it. */
    record Request(List<Variant> variants, Integer testSharePercent, String winnerBy, Integer decideAfterMinutes) {

        /** A stored test asked for again, as when its draft is saved once more. */
        static Request of(AbTest t) {
            return new Request(t.templateIds().stream()
                    .map(id -> new Variant(PublicId.of(TemplateController.PREFIX, id))).toList(),
                    t.testSharePercent(), t.winnerBy(), t.decideAfterMinutes());
        }
    }

    record Variant(String templateId) {
    }

    /** A checked request: the variants' template ids in order. */
    record Checked(List<Long> templateIds, int testSharePercent, String winnerBy, int decideAfterMinutes) {
    }

    static final Set<String> WINNER_BY = Set.of("click_rate", "reply_rate");

    private final AbTestStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AbTests(AbTestStore store, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Adds what is wrong to {@code problems}; {@code template} answers a template id of the
     * workspace that has a variant for the campaign's channel, empty otherwise.
     */
    static Checked check(Request r, java.util.function.Function<String, Optional<Long>> template,
            List<FieldProblem> problems) {
        int before = problems.size();
        List<Long> ids = new ArrayList<>();
        if (r.variants() == null || r.variants().size() < 2 || r.variants().size() > 4) {
            problems.add(new FieldProblem("ab_test.variants", "give two to four variants"));
        } else {
            for (int i = 0; i < r.variants().size(); i++) {
                Variant v = r.variants().get(i);
                Optional<Long> id = v == null ? Optional.empty() : template.apply(v.templateId());
                if (id.isEmpty()) {
                    problems.add(new FieldProblem("ab_test.variants[" + i + "].template_id",
                            "must name a template of this workspace (tpl_…) with a variant for the campaign's channel"));
                } else {
                    ids.add(id.get());
                }
            }
        }
        int share = r.testSharePercent() == null ? 20 : r.testSharePercent();
        if (share < 1 || share > 100) {
            problems.add(new FieldProblem("ab_test.test_share_percent", "must be between 1 and 100"));
        }
        String by = r.winnerBy() == null ? "click_rate" : r.winnerBy();
        if (!WINNER_BY.contains(by)) {
            problems.add(new FieldProblem("ab_test.winner_by", "must be click_rate or reply_rate"));
        }
        int minutes = r.decideAfterMinutes() == null ? 60 : r.decideAfterMinutes();
        if (minutes < 0 || minutes > 30 * 24 * 60) {
            problems.add(new FieldProblem("ab_test.decide_after_minutes", "must be between 0 and 43200 (30 days)"));
        }
        return problems.size() > before ? null : new Checked(List.copyOf(ids), share, by, minutes);
    }

    static Optional<Long> templateId(String publicId) {
        return PublicId.parse(TemplateController.PREFIX, publicId);
    }

    /**
     * The test of a campaign waiting for its decision: before {@code decide_at} the runner is told to
     * look again then (a pause and resume clears its wait) and nothing is answered; after it, the
     * winner by the rows is recorded once and announced in the same transaction. Answers the test
     * in its rest phase, or empty when this node must leave the campaign alone.
     */
    @Transactional
    Optional<AbTest> decide(Campaign c, AbTest ab, String node) {
        Instant now = clock.instant();
        if (ab.decideAt() != null && ab.decideAt().isAfter(now)) {
            store.waitUntil(c.id(), node, ab.decideAt());
            return Optional.empty();
        }
        int winner = winner(ab.winnerBy(), store.results(ab));
        if (store.decide(c.id(), node, winner, now)) {
            events.publishEvent(new CampaignAbWinnerChosen(c.workspaceId(), c.id(), winner, ab.templateIds().get(winner),
                    ab.winnerBy(), now));
        }
        return store.find(c.id()).filter(t -> AbTest.REST.equals(t.phase()));
    }

    /** The highest rate of people who clicked (or replied) per message; a tie goes to the lowest index. */
    static int winner(String winnerBy, List<AbTestStore.VariantResult> results) {
        int best = 0;
        for (int v = 1; v < results.size(); v++) {
            var r = results.get(v);
            var b = results.get(best);
            long num = "reply_rate".equals(winnerBy) ? r.replied() : r.clicked();
            long bestNum = "reply_rate".equals(winnerBy) ? b.replied() : b.clicked();
            // num / messages > bestNum / bestMessages, without division; no messages is a rate of 0
            if (r.messages() > 0 && (b.messages() == 0 ? num > 0 : num * b.messages() > bestNum * r.messages())) {
                best = v;
            }
        }
        return best;
    }
}
