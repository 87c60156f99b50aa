package dev.recado.campaigns.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recado.common.Caller;
import dev.recado.common.Page;
import dev.recado.common.PageRequest;
import dev.recado.common.PublicId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import dev.recado.messaging.FeedbackCounts;
import dev.recado.messaging.MessageReports;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/campaigns")
class CampaignController {

    static final String PREFIX = "cmp_";

    /**
     * {@code bounced} counts hard bounces, {@code soft_bounced} soft ones, {@code complained} spam
     * complaints (each message once); the rates are fractions of {@code sent} (0.001 is 0.1 %).
     */
    record StatsResponse(long targeted, Map<String, Long> skipped, long accepted, long sent, long delivered,
            long undelivered, long failed, long canceled, BigDecimal cost, long bounced, long softBounced,
            long complained, BigDecimal bounceRate, BigDecimal complaintRate) {
    }

    record CampaignResponse(String id, String name, String status, String segmentId, String templateId, String channel,
            String from, String purpose, CampaignService.Schedule schedule, Integer ratePerMinute, StatsResponse stats,
            String failure, Instant createdAt, Instant startedAt, Instant finishedAt, java.util.List<String> channels,
            @JsonInclude(JsonInclude.Include.NON_NULL) AbTestSettings abTest) {

        static CampaignResponse of(Campaign c, FeedbackCounts f, AbTest ab) {
            var s = c.stats();
            return new CampaignResponse(PublicId.of(PREFIX, c.id()), c.name(), c.status(),
                    PublicId.of(SegmentController.PREFIX, c.segmentId()), PublicId.of(TemplateController.PREFIX, c.templateId()),
                    c.cheapest() ? CampaignService.CHEAPEST : c.channel(), c.from(), c.purpose(), scheduleOf(c),
                    c.ratePerMinute(), statsOf(s, f),
                    c.failure(), c.createdAt(), c.startedAt(), c.finishedAt(),
                    c.channelsInOrder(), ab == null ? null : AbTestSettings.of(ab));
        }
    }

    /**
     * {@code ab_test} as it was asked for (the body a PATCH or POST takes), with where the test stands;
     * the per-variant results are the report's.
     */
    record AbTestSettings(List<AbTests.Variant> variants, int testSharePercent, String winnerBy,
            int decideAfterMinutes, String phase, Instant decideAt, Integer winner, Instant decidedAt) {

        static AbTestSettings of(AbTest t) {
            var asked = AbTests.Request.of(t);
            return new AbTestSettings(asked.variants(), t.testSharePercent(), t.winnerBy(), t.decideAfterMinutes(),
                    t.phase(), t.decideAt(), t.winner(), t.decidedAt());
        }
    }

    /** One run of a campaign (a routine's occurrence, or a campaign's only one) and its own counters. */
    record OccurrenceResponse(int occurrence, Instant dueAt, Instant startedAt, Instant finishedAt,
            StatsResponse stats) {

        static OccurrenceResponse of(OccurrenceStore.Occurrence o) {
            return new OccurrenceResponse(o.occurrence(), o.dueAt(), o.startedAt(), o.finishedAt(), statsOf(o.stats(), FeedbackCounts.NONE));
        }
    }

    /** Bounces and complaints are counted per campaign, not per occurrence: an occurrence shows none. */
    static StatsResponse statsOf(Campaign.Stats s, FeedbackCounts f) {
        return new StatsResponse(s.targeted(), s.skipped(), s.accepted(), s.sent(), s.delivered(), s.undelivered(),
                s.failed(), s.canceled(), s.cost(), f.hardBounces(), f.softBounces(), f.complaints(),
                rate(f.hardBounces(), s.sent()), rate(f.complaints(), s.sent()));
    }

    /** A routine shows its rule and, as {@code at}, the time of its current or next occurrence. */
    static CampaignService.Schedule scheduleOf(Campaign c) {
        if (c.routine() == null) {
            return new CampaignService.Schedule(c.scheduleType(), c.startAt());
        }
        var r = Routines.schedule(c.routine());
        return new CampaignService.Schedule("routine", c.startAt(), r.everyDays(), r.weekdays(), r.atLocalTime(),
                r.timezone(), r.until(), r.count());
    }

    static BigDecimal rate(long count, long sent) {
        return sent == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(count).divide(BigDecimal.valueOf(sent), 6, java.math.RoundingMode.HALF_UP)
                        .stripTrailingZeros();
    }

    private final CampaignService campaigns;
    private final MessageReports reports;
    private final CampaignReviews reviews;
    private final AbTestStore abTests;

    CampaignController(CampaignService campaigns, MessageReports reports, CampaignReviews reviews,
            AbTestStore abTests) {
        this.campaigns = campaigns;
        this.reports = reports;
        this.reviews = reviews;
        this.abTests = abTests;
    }

    private CampaignResponse response(long workspaceId, Campaign c) {
        return CampaignResponse.of(c, reports.feedbackByCampaign(workspaceId, List.of(c.id()))
                .getOrDefault(c.id(), FeedbackCounts.NONE), abTests.find(c.id()).orElse(null));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CampaignResponse create(Caller caller, @RequestBody CampaignService.CreateCampaign body) {
        return response(caller.workspace(), campaigns.create(caller.workspace(), body));
    }

    /**
     * A draft changed by merge patch ({@link CampaignPatch}): the fields given replace the draft's, with
     * the checks of a new campaign; {@code "ab_test": null} removes the test, {@code "from": null} goes
     * back to the channel's default sender. 409 {@code invalid_state} once it left draft.
     */
    @PatchMapping("/{id}")
    CampaignResponse update(Caller caller, @PathVariable String id, @RequestBody CampaignPatch body) {
        return response(caller.workspace(), campaigns.patchDraft(caller.workspace(), id(id), body));
    }

    @GetMapping
    Page<CampaignResponse> list(Caller caller, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor);
        List<Campaign> rows = campaigns.list(caller.workspace(), page.beforeId(), page.fetchSize());
        List<Long> ids = rows.stream().map(Campaign::id).toList();
        var feedback = reports.feedbackByCampaign(caller.workspace(), ids);
        var tests = abTests.findAll(ids);
        return page.page(rows, Campaign::id)
                .map(c -> CampaignResponse.of(c, feedback.getOrDefault(c.id(), FeedbackCounts.NONE), tests.get(c.id())));
    }

    @GetMapping("/{id}")
    CampaignResponse get(Caller caller, @PathVariable String id) {
        return response(caller.workspace(), campaigns.require(caller.workspace(), id(id)));
    }

    /** What starting it would do, as the console's review shows it; nothing is reserved or sent. */
    @GetMapping("/{id}/estimate")
    CampaignEstimateResponse estimate(Caller caller, @PathVariable String id) {
        return CampaignEstimateResponse.of(reviews.estimate(caller.workspace(), id(id)));
    }

    @GetMapping("/{id}/occurrences")
    Page<OccurrenceResponse> occurrences(Caller caller, @PathVariable String id,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor);
        return page.page(campaigns.occurrences(caller.workspace(), id(id), page.beforeId(), page.fetchSize()),
                OccurrenceStore.Occurrence::occurrence).map(OccurrenceResponse::of);
    }

    @PostMapping("/{id}/start")
    CampaignResponse start(Caller caller, @PathVariable String id) {
        return response(caller.workspace(), campaigns.start(caller.workspace(), id(id)));
    }

    @PostMapping("/{id}/pause")
    CampaignResponse pause(Caller caller, @PathVariable String id) {
        return response(caller.workspace(), campaigns.pause(caller.workspace(), id(id)));
    }

    @PostMapping("/{id}/resume")
    CampaignResponse resume(Caller caller, @PathVariable String id) {
        return response(caller.workspace(), campaigns.resume(caller.workspace(), id(id)));
    }

    @PostMapping("/{id}/cancel")
    CampaignResponse cancel(Caller caller, @PathVariable String id) {
        return response(caller.workspace(), campaigns.cancel(caller.workspace(), id(id)));
    }

    private static long id(String id) {
        return PublicId.require(PREFIX, id, "Campaign");
    }
}
