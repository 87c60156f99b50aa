package dev.recado.campaigns.internal;

import dev.recado.common.Caller;
import dev.recado.common.Page;
import dev.recado.common.PageRequest;
import dev.recado.common.PublicId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
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

    record StatsResponse(long targeted, Map<String, Long> skipped, long accepted, long sent, long delivered,
            long undelivered, long failed, long canceled, BigDecimal cost) {
    }

    record CampaignResponse(String id, String name, String status, String segmentId, String templateId, String channel,
            String from, String purpose, CampaignService.Schedule schedule, Integer ratePerMinute, StatsResponse stats,
            String failure, Instant createdAt, Instant startedAt, Instant finishedAt) {

        static CampaignResponse of(Campaign c) {
            var s = c.stats();
            return new CampaignResponse(PublicId.of(PREFIX, c.id()), c.name(), c.status(),
                    PublicId.of(SegmentController.PREFIX, c.segmentId()), PublicId.of(TemplateController.PREFIX, c.templateId()),
                    c.channel(), c.from(), c.purpose(), scheduleOf(c),
                    c.ratePerMinute(), statsOf(s),
                    c.failure(), c.createdAt(), c.startedAt(), c.finishedAt());
        }
    }

    /** One run of a campaign (a routine's occurrence, or a campaign's only one) and its own counters. */
    record OccurrenceResponse(int occurrence, Instant dueAt, Instant startedAt, Instant finishedAt,
            StatsResponse stats) {

        static OccurrenceResponse of(OccurrenceStore.Occurrence o) {
            return new OccurrenceResponse(o.occurrence(), o.dueAt(), o.startedAt(), o.finishedAt(), statsOf(o.stats()));
        }
    }

    static StatsResponse statsOf(Campaign.Stats s) {
        return new StatsResponse(s.targeted(), s.skipped(), s.accepted(), s.sent(), s.delivered(), s.undelivered(),
                s.failed(), s.canceled(), s.cost());
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

    private final CampaignService campaigns;

    CampaignController(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CampaignResponse create(Caller caller, @RequestBody CampaignService.CreateCampaign body) {
        return CampaignResponse.of(campaigns.create(caller.workspace(), body));
    }

    @GetMapping
    Page<CampaignResponse> list(Caller caller, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor);
        return page.page(campaigns.list(caller.workspace(), page.beforeId(), page.fetchSize()), Campaign::id)
                .map(CampaignResponse::of);
    }

    @GetMapping("/{id}")
    CampaignResponse get(Caller caller, @PathVariable String id) {
        return CampaignResponse.of(campaigns.require(caller.workspace(), id(id)));
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
        return CampaignResponse.of(campaigns.start(caller.workspace(), id(id)));
    }

    @PostMapping("/{id}/pause")
    CampaignResponse pause(Caller caller, @PathVariable String id) {
        return CampaignResponse.of(campaigns.pause(caller.workspace(), id(id)));
    }

    @PostMapping("/{id}/resume")
    CampaignResponse resume(Caller caller, @PathVariable String id) {
        return CampaignResponse.of(campaigns.resume(caller.workspace(), id(id)));
    }

    @PostMapping("/{id}/cancel")
    CampaignResponse cancel(Caller caller, @PathVariable String id) {
        return CampaignResponse.of(campaigns.cancel(caller.workspace(), id(id)));
    }

    private static long id(String id) {
        return PublicId.require(PREFIX, id, "Campaign");
    }
}
