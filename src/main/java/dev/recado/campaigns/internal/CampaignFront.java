package dev.recado.campaigns.internal;

import dev.recado.campaigns.CampaignManagement;
import dev.recado.campaigns.SegmentManagement.Condition;
import dev.recado.campaigns.TemplateManagement.Preview;
import dev.recado.common.PublicId;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** {@link CampaignManagement} over the services the REST controllers use: one set of rules for both. */
@Service
class CampaignFront implements CampaignManagement {

    private final CampaignService campaigns;
    private final CampaignReports reports;
    private final LandingPageService pages;
    private final TrackedLinks links;
    private final CampaignReviews reviews;
    private final AbTestStore abTests;

    CampaignFront(CampaignService campaigns, CampaignReports reports, LandingPageService pages, TrackedLinks links,
            CampaignReviews reviews, AbTestStore abTests) {
        this.abTests = abTests;
        this.campaigns = campaigns;
        this.reports = reports;
        this.pages = pages;
        this.links = links;
        this.reviews = reviews;
    }

    @Override
    public Map<String, Preview> reviewPreviews(long workspaceId, String purpose, ReviewContent content, long contactId) {
        return reviews.previews(workspaceId, purpose, content, contactId);
    }

    @Override
    public Review review(long workspaceId, Long draftId, String match, List<Condition> conditions, String purpose,
            ReviewContent content, Map<String, Preview> previews, long sampleContact, Instant at) {
        var r = reviews.review(workspaceId, draftId, match, conditions, purpose, content, previews, sampleContact, at);
        var ab = r.ab();
        return new Review(r.estimate(), ab == null ? null : new AbTestReview(ab.variants().size(),
                ab.testSharePercent(), ab.winner(), ab.assumes(), ab.totalMin(), ab.totalMax()));
    }

    @Override
    public List<CampaignView> list(long workspaceId, long beforeId, int limit) {
        return campaigns.list(workspaceId, beforeId, limit).stream().map(CampaignFront::view).toList();
    }

    @Override
    public CampaignView require(long workspaceId, long id) {
        return view(campaigns.require(workspaceId, id));
    }

    @Override
    public Optional<AbTestView> abTest(long workspaceId, long id) {
        return abTests.find(campaigns.require(workspaceId, id).id()).map(t -> new AbTestView(t.templateIds(),
                t.testSharePercent(), t.winnerBy(), t.decideAfterMinutes(), t.winner()));
    }

    /** A draft saved again keeps the A/B test the builder does not edit, checked against the channels as saved. */
    @Override
    public CampaignView saveDraft(long workspaceId, Long draftId, Draft d) {
        var s = d.schedule();
        var schedule = s == null ? null : new CampaignService.Schedule(s.type(), s.at(), s.everyDays(), s.weekdays(),
                s.atLocalTime(), s.timezone(), s.until(), s.count());
        boolean cheapest = CampaignService.CHEAPEST.equals(d.channel());
        // cheapest prices the channels given as its candidates, even one
        boolean order = d.channels() != null && (d.channels().size() > 1 || cheapest && !d.channels().isEmpty());
        var create = new CampaignService.CreateCampaign(d.name(), d.segmentId(), d.templateId(),
                cheapest ? d.channel()
                        : order ? null : d.channels() != null && !d.channels().isEmpty() ? d.channels().get(0) : d.channel(),
                d.from(), schedule, d.purpose(), d.ratePerMinute(), kept(workspaceId, draftId),
                order ? d.channels() : null);
        return view(draftId == null ? campaigns.create(workspaceId, create)
                : campaigns.updateDraft(workspaceId, draftId, create));
    }

    private AbTests.Request kept(long workspaceId, Long draftId) {
        return draftId == null ? null
                : abTests.find(campaigns.require(workspaceId, draftId).id()).map(AbTests.Request::of).orElse(null);
    }

    @Override
    public CampaignView start(long workspaceId, long id) {
        return view(campaigns.start(workspaceId, id));
    }

    @Override
    public CampaignView pause(long workspaceId, long id) {
        return view(campaigns.pause(workspaceId, id));
    }

    @Override
    public CampaignView resume(long workspaceId, long id) {
        return view(campaigns.resume(workspaceId, id));
    }

    @Override
    public CampaignView cancel(long workspaceId, long id) {
        return view(campaigns.cancel(workspaceId, id));
    }

    @Override
    public Report report(long workspaceId, long id) {
        var r = reports.report(campaigns.require(workspaceId, id));
        return new Report(view(r.campaign()), r.clicks().unique(), r.clicks().total(), r.clicks().bots(), r.optedOut(),
                r.conversions(), r.topLinks().stream().map(l -> new TopLink(l.url(), l.clicks(), l.unique())).toList(),
                r.series().stream().map(h -> new Hour(h.hour(), h.sent(), h.delivered(), h.clicks())).toList());
    }

    @Override
    public void recipientsCsv(long workspaceId, long id, OutputStream out) {
        reports.recipientsCsv(campaigns.require(workspaceId, id).id(), null, out);
    }

    @Override
    public List<LandingPageView> landingPages(long workspaceId, long campaignId) {
        return pages.ofCampaign(workspaceId, campaignId).stream().map(this::view).toList();
    }

    @Override
    public LandingPageView addLandingPage(long workspaceId, long campaignId, NewLandingPage p) {
        return view(pages.create(workspaceId, new LandingPageService.NewLandingPage(
                PublicId.of(CampaignController.PREFIX, campaignId), p.slug(), p.title(), p.text(), p.imageUrl(),
                p.buttonLabel(), p.buttonUrl(), p.form())));
    }

    private LandingPageView view(LandingPage p) {
        return new LandingPageView(p.id(), p.slug(), links.base() + "/p/" + p.slug(), p.title(), p.body(),
                p.buttonLabel(), p.buttonUrl(), p.form());
    }

    private static CampaignView view(Campaign c) {
        var s = c.stats();
        var r = CampaignController.scheduleOf(c);
        return new CampaignView(c.id(), c.name(), c.status(), c.segmentId(), c.templateId(),
                c.cheapest() ? CampaignService.CHEAPEST : c.channel(), c.purpose(),
                new Schedule(r.type(), r.at(), r.everyDays(), r.weekdays(), r.atLocalTime(), r.timezone(), r.until(),
                        r.count()),
                c.ratePerMinute(), new Stats(s.targeted(), s.skipped(), s.accepted(), s.sent(), s.delivered(),
                        s.undelivered(), s.failed(), s.canceled(), s.cost()),
                c.failure(), c.createdAt(), c.startedAt(), c.finishedAt(),
                c.channelsInOrder(), c.from());
    }
}
