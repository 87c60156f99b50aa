package dev.recado.campaigns.internal;

import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.common.PublicId;
import dev.recado.consent.Channel;
import dev.recado.consent.ConsentManagement;
import dev.recado.consent.ConsentSource;
import dev.recado.consent.ConsentStatus;
import dev.recado.consent.NewConsent;
import dev.recado.consent.Purpose;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactManagement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Landing pages: created per campaign through the API, shown at {@code /p/<slug>}. A visitor who
 * came through a recipient's short link carries its code ({@code ?r=}), which names the contact:
 * the page greets them by first name and its form records their conversion or consent.
 */
@Service
class LandingPageService {

    static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])");
    private static final Pattern WEB_URL = Pattern.compile("https?://[^\\s<>\"]{1,1990}");
    private static final Set<String> FORMS = Set.of(LandingPage.NONE, LandingPage.CONVERSION, LandingPage.CONSENT);

    record NewLandingPage(String campaignId, String slug, String title, String text, String imageUrl,
            String buttonLabel, String buttonUrl, String form) {
    }

    /** What a visit shows; {@code contact} when the visitor came through a recipient's link of this campaign. */
    record Visit(LandingPage page, Optional<Contact> contact) {
    }

    private final LandingPageStore pages;
    private final CampaignStore campaigns;
    private final LinkStore links;
    private final ContactManagement contacts;
    private final ConsentManagement consent;
    private final Clock clock;

    LandingPageService(LandingPageStore pages, CampaignStore campaigns, LinkStore links, ContactManagement contacts,
            ConsentManagement consent, Clock clock) {
        this.pages = pages;
        this.campaigns = campaigns;
        this.links = links;
        this.contacts = contacts;
        this.consent = consent;
        this.clock = clock;
    }

    LandingPage create(long workspaceId, NewLandingPage r) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<Campaign> campaign = PublicId.parse(CampaignController.PREFIX, r.campaignId())
                .flatMap(id -> campaigns.find(workspaceId, id));
        if (campaign.isEmpty()) {
            problems.add(new FieldProblem("campaign_id", "must name a campaign of this workspace (cmp_…)"));
        }
        if (r.slug() == null || !SLUG.matcher(r.slug()).matches()) {
            problems.add(new FieldProblem("slug", "3 to 60 lower-case letters, digits and inner hyphens"));
        }
        text("title", r.title(), 200, true, problems);
        text("text", r.text(), 5000, false, problems);
        text("button_label", r.buttonLabel(), 60, false, problems);
        url("image_url", r.imageUrl(), problems);
        url("button_url", r.buttonUrl(), problems);
        if ((r.buttonLabel() == null) != (r.buttonUrl() == null)) {
            problems.add(new FieldProblem("button_url", "a button needs both button_label and button_url"));
        }
        String form = r.form() == null ? LandingPage.NONE : r.form();
        if (!FORMS.contains(form)) {
            problems.add(new FieldProblem("form", "must be none, conversion or consent"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        var page = new LandingPage(0, workspaceId, campaign.get().id(), r.slug(), r.title().strip(), r.text(),
                r.imageUrl(), r.buttonLabel(), r.buttonUrl(), form, clock.instant());
        try {
            return require(workspaceId, pages.insert(page, clock.instant()));
        } catch (DuplicateKeyException e) {
            // slugs are public and shared by every workspace: another workspace's page is not named
            String ours = pages.idOfSlug(r.slug()).filter(id -> pages.find(workspaceId, id).isPresent())
                    .map(LandingPageController::id).orElse(null);
            throw ApiException.conflict("slug_taken", "The slug " + r.slug() + " is taken", ours);
        }
    }

    LandingPage require(long workspaceId, long id) {
        return pages.find(workspaceId, id).orElseThrow(() -> ApiException.notFound("Landing page"));
    }

    List<LandingPage> ofCampaign(long workspaceId, long campaignId) {
        return campaigns.find(workspaceId, campaignId).map(c -> pages.ofCampaign(c.id())).orElse(List.of());
    }

    Optional<Visit> visit(String slug, String linkCode) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            return Optional.empty();
        }
        return pages.bySlug(slug).map(p -> new Visit(p, visitor(p, linkCode)));
    }

    /** The form's POST; false when a consent form has nobody to record it for. */
    @Transactional
    boolean submit(Visit visit, String userAgent) {
        LandingPage page = visit.page();
        String agent = BotAgents.clip(userAgent);
        if (LandingPage.CONSENT.equals(page.form())) {
            if (visit.contact().isEmpty()) {
                return false;
            }
            String channel = campaigns.find(page.campaignId()).map(Campaign::channel).orElse("sms");
            consent.record(page.workspaceId(), visit.contact().get().id(), new NewConsent(
                    Channel.valueOf(channel.toUpperCase(Locale.ROOT)), Purpose.MARKETING, ConsentStatus.OPTED_IN,
                    ConsentSource.FORM, "Form of landing page /p/" + page.slug() + " (campaign "
                    + PublicId.of(CampaignController.PREFIX, page.campaignId()) + "), reached through the contact's"
                    + " own link; user agent: " + agent, "contact", null));
        }
        pages.convert(page, visit.contact().map(Contact::id).orElse(null), page.form(), agent, clock.instant());
        return true;
    }

    /** The recipient behind a short-link code of this page's campaign; any other code names nobody. */
    private Optional<Contact> visitor(LandingPage page, String code) {
        if (code == null || !LinkCodes.wellFormed(code)) {
            return Optional.empty();
        }
        return links.find(code)
                .filter(l -> RecipientLinks.LINK.equals(l.kind()) && l.campaignId() == page.campaignId())
                .flatMap(l -> contacts.find(l.workspaceId(), l.contactId()));
    }

    private static void text(String field, String value, int max, boolean required, List<FieldProblem> problems) {
        if (value == null ? required : value.isBlank() || value.length() > max) {
            problems.add(new FieldProblem(field, (required ? "is required, " : "") + "1 to " + max + " characters"));
        }
    }

    /** Only web addresses: the page writes them into src and href, where javascript: would run. */
    private static void url(String field, String value, List<FieldProblem> problems) {
        if (value != null && !WEB_URL.matcher(value).matches()) {
            problems.add(new FieldProblem(field, "must be an http or https URL of at most 2000 characters"));
        }
    }
}
