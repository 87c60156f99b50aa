package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.campaigns.SegmentManagement;
import dev.recado.campaigns.TemplateManagement;
import dev.recado.common.PublicId;
import dev.recado.support.RecadoTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The template and segment editors edit and delete saved ones: the form comes filled, bad input
 * comes back marked and changes nothing, an email's HTML survives an edit of its text, and a
 * template or segment a scheduled campaign uses is not deleted (said on its page, in ES and EN).
 */
@RecadoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentEditPagesHttpTest extends NewWorkspaceSupport {

    @Autowired
    TemplateManagement templates;
    @Autowired
    SegmentManagement segments;

    long workspaceId;
    ConsoleSession owner;

    @BeforeAll
    void aShop() {
        var created = newWorkspace("Tienda Norte", "norte@test.local", "5.00");
        workspaceId = created.workspaceId();
        owner = created.session();
    }

    @Test
    void aTemplateIsEditedInItsEditorAndKeepsWhatTheEditorDoesNotShow() {
        var t = templates.create(workspaceId, "Boletín", "marketing", List.of(
                new TemplateManagement.Variant("email", "es", null, "Novedades", "<p>Hola</p>", "Hola", null, null)));
        String id = PublicId.of("tpl_", t.id());
        var editor = owner.get("/templates/" + id + "/edit");
        assertThat(editor.status()).isEqualTo(200);
        assertThat(editor.body()).contains("Edit template", "action=\"/templates/" + id + "\"", "value=\"Boletín\"",
                "value=\"&lt;p&gt;Hola&lt;/p&gt;\"");

        var bad = owner.post("/templates/" + id, Map.of("name", "", "purpose", "marketing", "channel", "email",
                "language", "es", "subject", "Novedades", "body", "Hola {{first_name", "html", "<p>Hola</p>"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"error-name\"", "action=\"/templates/" + id + "\"");
        assertThat(templates.require(workspaceId, t.id()).name()).isEqualTo("Boletín");

        var saved = owner.post("/templates/" + id, Map.of("name", "Boletín de otoño", "purpose", "marketing",
                "channel", "email", "language", "es", "subject", "Otoño", "body", "Hola de nuevo", "html", "<p>Hola</p>"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).endsWith("/templates/" + id);
        var variant = templates.require(workspaceId, t.id()).variants().get(0);
        assertThat(variant.subject()).isEqualTo("Otoño");
        assertThat(variant.text()).isEqualTo("Hola de nuevo");
        assertThat(variant.html()).isEqualTo("<p>Hola</p>");
        assertThat(owner.get("/templates/" + id).body()).contains("Boletín de otoño", "id=\"template-edit\"",
                "id=\"template-delete\"");

        var deleted = owner.post("/templates/" + id + "/delete", Map.of());
        assertThat(deleted.location()).endsWith("/templates");
        assertThat(owner.get("/templates/" + id).status()).isEqualTo(404);
    }

    @Test
    void aSegmentIsEditedAndOneAScheduledCampaignUsesIsNotDeleted() {
        var s = segments.create(workspaceId, "VIP", "all", List.of(new SegmentManagement.Condition("tag", "has", "vip")));
        String id = PublicId.of("seg_", s.id());
        var editor = owner.get("/segments/" + id + "/edit");
        assertThat(editor.status()).isEqualTo(200);
        assertThat(editor.body()).contains("Edit segment", "value=\"VIP\"", "value=\"vip\"");
        var bad = owner.post("/segments/" + id, Map.of("name", "VIP", "match", "all", "field", "created_at",
                "op", "within_days", "value", "many"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"error-conditions\"");
        var saved = owner.post("/segments/" + id, Map.of("name", "VIP y oro", "match", "any", "field", "tag",
                "op", "has", "value", "oro"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(owner.get("/segments/" + id).body()).contains("Segment saved.", "VIP y oro");
        var after = segments.require(workspaceId, s.id());
        assertThat(after.name()).isEqualTo("VIP y oro");
        assertThat(after.conditions()).containsExactly(new SegmentManagement.Condition("tag", "has", "oro"));

        var t = templates.create(workspaceId, "Aviso", "transactional", List.of(
                new TemplateManagement.Variant("sms", "es", "Hola", null, null, null, null, null)));
        var draft = owner.post("/campaigns/builder", Map.of("name", "Más tarde", "audience", "segment", "segmentId", id,
                "content", "saved", "templateId", PublicId.of("tpl_", t.id()), "purpose", "transactional",
                "scheduleType", "at", "at", "2099-01-15T10:30"));
        assertThat(draft.status()).isEqualTo(302);
        String campaign = draft.location().replaceAll(".*/campaigns/(cmp_[0-9a-z]+).*", "$1");
        assertThat(owner.post("/campaigns/" + campaign + "/start", Map.of()).status()).isEqualTo(302);

        var refused = owner.post("/segments/" + id + "/delete", Map.of());
        assertThat(refused.location()).endsWith("/segments/" + id);
        assertThat(owner.get("/segments/" + id).body()).contains("id=\"action-refused\"",
                "A scheduled, running or paused campaign uses this segment");
        var spanish = new ConsoleSession(port).language("es");
        spanish.login("norte@test.local", "norte@test.local-password");
        spanish.post("/templates/" + PublicId.of("tpl_", t.id()) + "/delete", Map.of());
        assertThat(spanish.get("/templates/" + PublicId.of("tpl_", t.id())).body()).contains("id=\"action-refused\"",
                "Una campaña programada, en curso o en pausa usa esta plantilla", "Editar plantilla");
        assertThat(segments.require(workspaceId, s.id()).name()).isEqualTo("VIP y oro");
    }

    @Test
    void campaignFieldProblemsAreWordedInTheReadersLanguage() {
        var spanish = new ConsoleSession(port).language("es");
        spanish.login("norte@test.local", "norte@test.local-password");
        var template = spanish.post("/templates", Map.of("name", "Mal", "purpose", "marketing", "channel", "sms",
                "language", "es", "body", "Hola {{first_name"));
        assertThat(template.status()).isEqualTo(422);
        assertThat(template.body()).contains("no es una plantilla válida").doesNotContain("is not a valid template");
        var segment = spanish.post("/segments", Map.of("name", "Mal", "match", "all", "field", "created_at",
                "op", "within_days", "value", "many"));
        assertThat(segment.status()).isEqualTo(422);
        assertThat(segment.body()).contains("debe ser un número entero de días").doesNotContain("whole number");
        var english = owner.post("/segments", Map.of("name", "Bad", "match", "all", "field", "tag", "op", "gt",
                "value", "x"));
        assertThat(english.status()).isEqualTo(422);
        assertThat(english.body()).contains("must be one of has, not_has");
    }
}
