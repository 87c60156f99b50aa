package dev.recado.campaigns.internal;

import dev.recado.common.ApiException;
import dev.recado.common.Caller;
import dev.recado.common.PublicId;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A campaign's report and its recipients' outcomes as CSV. */
@RestController
@RequestMapping("/v1/campaigns/{id}")
class CampaignReportController {

    /** Clicks by people; {@code bots}: previews and scanners, kept apart. */
    record ClicksResponse(long unique, long total, long bots) {
    }

    record ReportResponse(String campaignId, @JsonInclude(JsonInclude.Include.NON_NULL) Integer occurrence,
            String status, long targeted, Map<String, Long> skipped, long accepted,
            long sent, long delivered, long undelivered, long failed, long canceled, ClicksResponse clicked,
            long optedOut, long conversions, BigDecimal cost, List<CampaignReports.TopLink> topLinks, List<CampaignReports.Hour> series,
            @JsonInclude(JsonInclude.Include.NON_NULL) AbTestResponse abTest, Map<String, Long> deliveredByChannel) {

        static ReportResponse of(CampaignReports.Report r, AbTestResponse abTest) {
            return of(r, r.campaign().stats(), null, abTest);
        }

        /** {@code s}: the campaign's counters, or one occurrence's. */
        static ReportResponse of(CampaignReports.Report r, Campaign.Stats s, Integer occurrence, AbTestResponse abTest) {
            Campaign c = r.campaign();
            return new ReportResponse(PublicId.of(CampaignController.PREFIX, c.id()), occurrence, c.status(), s.targeted(),
                    s.skipped(),
                    s.accepted(), s.sent(), s.delivered(), s.undelivered(), s.failed(), s.canceled(),
                    new ClicksResponse(r.clicks().unique(), r.clicks().total(), r.clicks().bots()), r.optedOut(),
                    r.conversions(), s.cost(), r.topLinks(), r.series(), abTest, r.deliveredByChannel());
        }
    }

    /**
     * The test share's results per variant ({@code accepted}: its messages; rates are people who
     * clicked or replied per message) and, once decided, the winner's index and template.
     */
    record AbTestResponse(String phase, String winnerBy, int testSharePercent, Instant decideAt, Integer winner,
            String winnerTemplateId, Instant decidedAt, List<VariantResponse> variants) {

        static AbTestResponse of(AbTest ab, List<AbTestStore.VariantResult> results) {
            return new AbTestResponse(ab.phase(), ab.winnerBy(), ab.testSharePercent(), ab.decideAt(), ab.winner(),
                    ab.winner() == null ? null : PublicId.of(TemplateController.PREFIX, ab.templateIds().get(ab.winner())),
                    ab.decidedAt(), results.stream().map(VariantResponse::of).toList());
        }
    }

    record VariantResponse(int index, String templateId, long targeted, long accepted, long sent, long delivered,
            long clicked, long replied, BigDecimal clickRate, BigDecimal replyRate) {

        static VariantResponse of(AbTestStore.VariantResult v) {
            return new VariantResponse(v.variant(), PublicId.of(TemplateController.PREFIX, v.templateId()), v.targeted(),
                    v.messages(), v.sent(), v.delivered(), v.clicked(), v.replied(),
                    CampaignController.rate(v.clicked(), v.messages()), CampaignController.rate(v.replied(), v.messages()));
        }
    }

    private final CampaignService campaigns;
    private final CampaignReports reports;
    private final AbTestStore abTests;

    CampaignReportController(CampaignService campaigns, CampaignReports reports, AbTestStore abTests) {
        this.campaigns = campaigns;
        this.reports = reports;
        this.abTests = abTests;
    }

    @GetMapping("/report")
    ReportResponse report(Caller caller, @PathVariable String id) {
        Campaign c = campaign(caller, id);
        AbTestResponse ab = abTests.find(c.id()).map(t -> AbTestResponse.of(t, abTests.results(t))).orElse(null);
        return ReportResponse.of(reports.report(c), ab);
    }

    /** One occurrence's counters, clicks, opt-outs, top links and hourly series (a routine's run, or 1). */
    @GetMapping("/occurrences/{n}/report")
    ReportResponse occurrenceReport(Caller caller, @PathVariable String id, @PathVariable int n) {
        Campaign c = campaign(caller, id);
        return ReportResponse.of(reports.report(c, n), occurrence(caller, c, n).stats(), n, null);
    }

    /** Streamed a page of messages at a time, so a million recipients never sit in memory. */
    @GetMapping(value = "/recipients.csv", produces = "text/csv")
    ResponseEntity<StreamingResponseBody> recipients(Caller caller, @PathVariable String id) {
        return csv(campaign(caller, id), null);
    }

    @GetMapping(value = "/occurrences/{n}/recipients.csv", produces = "text/csv")
    ResponseEntity<StreamingResponseBody> occurrenceRecipients(Caller caller, @PathVariable String id, @PathVariable int n) {
        Campaign c = campaign(caller, id);
        occurrence(caller, c, n);
        return csv(c, n);
    }

    private ResponseEntity<StreamingResponseBody> csv(Campaign c, Integer occurrence) {
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + PublicId.of(CampaignController.PREFIX, c.id())
                        + (occurrence == null ? "" : "-" + occurrence) + "-recipients.csv\"")
                .contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .body(out -> reports.recipientsCsv(c.id(), occurrence, out));
    }

    private OccurrenceStore.Occurrence occurrence(Caller caller, Campaign c, int n) {
        var found = campaigns.occurrences(caller.workspace(), c.id(), n + 1L, 1).stream()
                .filter(o -> o.occurrence() == n).findFirst();
        if (found.isEmpty() && (n < 1 || n > c.occurrence())) {
            throw ApiException.notFound("Occurrence");
        }
        // the current occurrence before its first page: nothing counted yet
        return found.orElseGet(() -> new OccurrenceStore.Occurrence(c.id(), n, c.startAt(), null, null,
                new Campaign.Stats(0, Map.of(), 0, 0, 0, 0, 0, 0, BigDecimal.ZERO)));
    }

    private Campaign campaign(Caller caller, String id) {
        return campaigns.require(caller.workspace(), PublicId.require(CampaignController.PREFIX, id, "Campaign"));
    }
}
