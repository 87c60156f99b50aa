package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.campaigns.CampaignManagement;
import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactManagement;
import dev.recado.support.RecadoTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The campaign pages over HTTP: bad input comes back as the form with its fields marked (never a
 * 500, nothing saved), a draft is saved and resumed, the live panels count and preview, the
 * template and segment editors refuse and save, and the pages speak Spanish and English.
 */
@RecadoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignPagesHttpTest extends NewWorkspaceSupport {

    private static final Pattern CAMPAIGN_ID = Pattern.compile("/campaigns/(cmp_[0-9a-z]+)");

    @Autowired
    dev.recado.messaging.SenderDirectory senderDirectory;
    @Autowired
    ContactManagement contacts;
    @Autowired
    CampaignManagement campaigns;

    long workspaceId;
    ConsoleSession owner;

    @BeforeAll
    void aShopWithTwoClubMembers() {
        var created = newWorkspace("Librería Sur", "sur@test.local", "5.00");
        workspaceId = created.workspaceId();
        owner = created.session();
        // an SMS sender: without one acceptance, and the review, pass SMS over
        dev.recado.support.TestSenders.smsDefault(senderDirectory, workspaceId);
        contacts.create(workspaceId, new ContactInput("+34600000811", null, "Lucía", null, "es", null, List.of("club"),
                Map.of()), false);
        contacts.create(workspaceId, new ContactInput("+34600000812", null, "Pablo", null, "es", null, List.of("club"),
                Map.of()), false);
    }

    @Test
    void anEmptyBuilderComesBackWithItsFieldsMarkedAndSavesNothing() {
        int before = campaigns.list(workspaceId, Long.MAX_VALUE, 100).size();
        var page = owner.post("/campaigns/builder", Map.of("intent", "start", "audience", "segment",
                "content", "saved", "scheduleType", "now", "rate", "lots"));
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("id=\"builder-errors\"", "id=\"error-rate\"");
        var empty = owner.post("/campaigns/builder", Map.of("intent", "draft", "audience", "segment", "content", "saved"));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("id=\"error-segment\"", "id=\"error-template\"");
        var late = owner.post("/campaigns/builder", Map.of("audience", "tag", "tag", "club", "content", "new",
                "body", "Hola {{first_name", "scheduleType", "at"));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.body()).contains("id=\"error-body\"");
        assertThat(campaigns.list(workspaceId, Long.MAX_VALUE, 100)).hasSize(before);
    }

    @Test
    void aDraftToATagWithWrittenTextIsSavedResumedAndStartedLater() {
        int before = campaigns.list(workspaceId, Long.MAX_VALUE, 100).size();
        Map<String, String> form = new HashMap<>(Map.of("name", "Club de lectura", "audience", "tag", "tag", "club",
                "content", "new", "templateName", "Club", "language", "es",
                "body", "Hola {{first_name}}, novedades en https://libreria.example/club",
                "purpose", "transactional", "scheduleType", "now"));

        var live = owner.post("/campaigns/builder/live", form);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).contains("hx-swap-oob", "data-count=\"2\"", "Recipients: 2", "Hola Lucía, novedades en ",
                "id=\"review-total\"");

        var saved = owner.post("/campaigns/builder", form);
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).matches(".*/campaigns/cmp_[0-9a-z]+/edit");
        String id = campaignId(saved.location());
        var resumed = owner.get("/campaigns/" + id + "/edit");
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.body()).contains("value=\"" + id + "\"", "Club de lectura", "selected=\"selected\">#club<",
                "selected=\"selected\">Club<", "Recipients: 2");

        String segment = value(resumed.body(), "<option value=\"(seg_[0-9a-z]+)\" selected");
        String template = value(resumed.body(), "<option value=\"(tpl_[0-9a-z]+)\" selected");
        var later = owner.post("/campaigns/builder", Map.of("draftId", id, "name", "Club de lectura", "audience",
                "segment", "segmentId", segment, "content", "saved", "templateId", template, "purpose", "transactional",
                "scheduleType", "at", "at", "2099-01-15T10:30"));
        assertThat(later.status()).isEqualTo(302);
        assertThat(campaigns.list(workspaceId, Long.MAX_VALUE, 100)).hasSize(before + 1);
        var draft = campaigns.require(workspaceId, campaignIdOf(id));
        assertThat(draft.schedule().type()).isEqualTo("at");
        assertThat(draft.schedule().at()).hasToString("2099-01-15T09:30:00Z");

        assertThat(owner.post("/campaigns/" + id + "/pause", Map.of()).location()).endsWith("/campaigns/" + id);
        assertThat(owner.get("/campaigns/" + id).body()).contains("id=\"action-refused\"", "Draft");
        assertThat(owner.post("/campaigns/" + id + "/start", Map.of()).status()).isEqualTo(302);
        var page = owner.get("/campaigns/" + id);
        assertThat(page.body()).contains("data-status=\"scheduled\"", "hx-trigger=\"every 2s\"", "id=\"recipients-csv\"");
        // a scheduled campaign is no draft any more: its builder shows the campaign instead
        assertThat(owner.get("/campaigns/" + id + "/edit").location()).endsWith("/campaigns/" + id);
        assertThat(owner.post("/campaigns/builder", Map.of("draftId", id, "audience", "segment", "segmentId", segment,
                "content", "saved", "templateId", template)).status()).isEqualTo(409);
        assertThat(owner.get("/campaigns/" + id + "/recipients.csv").body()).startsWith("contact_id,address");
        assertThat(owner.get("/campaigns").body()).contains("Club de lectura", "data-status=\"scheduled\"");
    }

    /** Campaigns send with smart encoding: the live preview counts as the review does, ’ swapped. */
    @Test
    void theLivePreviewAndTheReviewCountTheSwappedTextAlike() {
        String body = "Your order is ready: pick it up at Calle Mayor 12 before Friday at 20:00 and bring the"
                + " receipt as it’s needed.";
        var live = owner.post("/campaigns/builder/live", Map.of("audience", "tag", "tag", "club", "content", "new",
                "language", "es", "body", body, "purpose", "transactional", "scheduleType", "now"));
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).contains("receipt as it&#39;s needed.", "id=\"preview-warnings\"",
                "data-code=\"smart_encoding_applied\"", "’ → &#39;")
                .containsPattern("id=\"preview-encoding\"[^>]*>GSM-7<")
                .containsPattern("id=\"preview-segments\"[^>]*>1<")
                .containsPattern("id=\"preview-price\"[^>]*>€0.04<")
                .containsPattern("id=\"review-total\"[^>]*>€0.08<")
                .doesNotContain("data-code=\"ucs2_characters\"");
        var editor = owner.post("/templates/preview", Map.of("purpose", "transactional", "channel", "sms",
                "language", "es", "body", body));
        assertThat(editor.body()).contains("data-code=\"smart_encoding_applied\"", "GSM-7 · 1 segment(s)");
    }

    @Test
    void startingNowWithoutAnSmsSenderIsRefusedOnTheBuilderAndTheDraftIsKept() {
        // a workspace without any sender: the start would fail on its first page
        var bare = newWorkspace("Sin Remitente", "bare" + System.nanoTime() + "@test.local", "5.00");
        contacts.create(bare.workspaceId(), new ContactInput("+34600000813", null, "Eva", null, "es", null,
                List.of("club"), Map.of()), false);
        var review = bare.session().post("/campaigns/builder/live", Map.of("audience", "tag", "tag", "club",
                "content", "new", "language", "es", "body", "Abrimos el domingo", "purpose", "transactional",
                "scheduleType", "now"));
        assertThat(review.body()).contains("No SMS sender in this workspace (refused: no_sender)")
                .containsPattern("id=\"review-total\"[^>]*>€0.00<");
        var refused = bare.session().post("/campaigns/builder", Map.of("intent", "start", "name", "Sin remitente",
                "audience", "tag", "tag", "club", "content", "new", "templateName", "Aviso", "language", "es",
                "body", "Abrimos el domingo", "purpose", "transactional", "scheduleType", "now"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("None of this campaign&#39;s channels has a sender");
        var drafts = campaigns.list(bare.workspaceId(), Long.MAX_VALUE, 100);
        assertThat(drafts).hasSize(1);
        assertThat(drafts.get(0).status()).isEqualTo("draft");
    }

    @Test
    void aLandingPageWithABadSlugIsMarkedOnTheCampaignPage() {
        var created = owner.post("/campaigns/builder", Map.of("audience", "tag", "tag", "club", "content", "new",
                "templateName", "Landing", "body", "Mira https://libreria.example", "purpose", "transactional"));
        String id = campaignId(created.location());
        var bad = owner.post("/campaigns/" + id + "/landing-pages", Map.of("slug", "No Vale", "title", ""));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"error-slug\"", "id=\"error-title\"");
        String slug = "sur-" + System.nanoTime();
        assertThat(owner.post("/campaigns/" + id + "/landing-pages", Map.of("slug", slug, "title", "Regalo",
                "form", "conversion")).status()).isEqualTo(302);
        assertThat(owner.get("/campaigns/" + id).body()).contains("data-slug=\"" + slug + "\"", "/p/" + slug);
    }

    @Test
    void theTemplateEditorRefusesPreviewsAndSaves() {
        var bad = owner.post("/templates", Map.of("name", "", "purpose", "marketing", "channel", "sms",
                "language", "es", "body", "Hola {{first_name"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"error-name\"", "id=\"template-error\"");
        var preview = owner.post("/templates/preview", Map.of("purpose", "marketing", "channel", "sms",
                "language", "es", "body", "Hola {{first_name}} – oferta"));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("Hola Lucía", "data-code=\"ucs2_characters\"", "data-code=\"opt_out_added\"");
        var saved = owner.post("/templates", Map.of("name", "Bienvenida", "purpose", "marketing", "channel", "sms",
                "language", "es", "body", "Hola {{first_name}}"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).matches(".*/templates/tpl_[0-9a-z]+");
        var page = owner.get(saved.location().substring(saved.location().indexOf("/templates")));
        assertThat(page.body()).contains("Bienvenida", "Hola Lucía");
    }

    @Test
    void theSegmentEditorCountsLiveRefusesAndSaves() {
        var count = owner.post("/segments/count", Map.of("match", "all", "field", "tag", "op", "has", "value", "club"));
        assertThat(count.body()).contains("data-count=\"2\"");
        var problem = owner.post("/segments/count", Map.of("match", "all", "field", "colour", "op", "eq", "value", "x"));
        assertThat(problem.status()).isEqualTo(200);
        assertThat(problem.body()).contains("field-error");
        var bad = owner.post("/segments", Map.of("name", "", "match", "all", "field", "created_at", "op", "within_days",
                "value", "many"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"error-name\"", "id=\"error-conditions\"");
        var saved = owner.post("/segments", Map.of("name", "Club", "match", "any", "field", "tag", "op", "has",
                "value", "club"));
        assertThat(saved.status()).isEqualTo(302);
        var page = owner.get(saved.location().substring(saved.location().indexOf("/segments")));
        assertThat(page.body()).contains("id=\"segment-count\">2<");
    }

    @Test
    void unknownIdsAreNotFoundPages() {
        assertThat(owner.get("/campaigns/cmp_zzzzzz").status()).isEqualTo(404);
        assertThat(owner.get("/campaigns/nonsense/edit").status()).isEqualTo(404);
        assertThat(owner.get("/templates/tpl_zzzzzz").status()).isEqualTo(404);
        assertThat(owner.get("/segments/seg_zzzzzz").status()).isEqualTo(404);
    }

    @Test
    void thePagesSpeakSpanishAndEnglish() {
        var spanish = new ConsoleSession(port).language("es");
        spanish.login("sur@test.local", "sur@test.local-password");
        assertThat(spanish.get("/campaigns").body()).contains("<h1>Campañas</h1>", "Nueva campaña");
        assertThat(spanish.get("/campaigns/new").body()).contains("1. Audiencia", "Guardar borrador");
        var refused = spanish.post("/campaigns/builder", Map.of("audience", "segment", "content", "saved"));
        assertThat(refused.body()).contains("Corrige los campos marcados.");
        assertThat(spanish.get("/segments/new").body()).contains("Nuevo segmento");
        assertThat(spanish.get("/templates/new").body()).contains("Nueva plantilla");
        assertThat(owner.get("/campaigns").body()).contains("<h1>Campaigns</h1>", "New campaign");
        assertThat(owner.get("/campaigns/new").body()).contains("1. Audience", "Save draft");
    }

    private static String campaignId(String location) {
        Matcher m = CAMPAIGN_ID.matcher(location);
        assertThat(m.find()).as(location).isTrue();
        return m.group(1);
    }

    private static long campaignIdOf(String id) {
        return dev.recado.common.PublicId.parse("cmp_", id).orElseThrow();
    }

    private static String value(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}
