package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.campaigns.TemplateManagement;
import dev.recado.common.PublicId;
import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactManagement;
import dev.recado.support.RecadoTest;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The template editor over HTTP: each posted field is one row's value, commas and all (a template
 * of one variant posts every field once), and the preview names the SMS encoding as GSM-7 or UCS-2
 * in both languages.
 */
@RecadoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateEditorHttpTest extends NewWorkspaceSupport {

    private static final String TEXT = "Hola, {{first_name}}, tu cita";
    private static final Pattern TEMPLATE_ID = Pattern.compile("/templates/(tpl_[0-9a-z]+)$");

    @Autowired
    TemplateManagement templates;
    @Autowired
    ContactManagement contacts;

    long workspaceId;
    ConsoleSession owner;

    @BeforeAll
    void aClinicWithOnePatient() {
        var created = newWorkspace("Clínica Este", "este@test.local", "5.00");
        workspaceId = created.workspaceId();
        owner = created.session();
        contacts.create(workspaceId, new ContactInput("+34600000931", null, "Ana", null, "es", null, List.of(),
                Map.of()), false);
    }

    @Test
    void aTextWithCommasIsOneVariantWhenSavedEditedAndSavedAgain() {
        var saved = owner.post("/templates", Map.of("name", "Cita", "purpose", "transactional", "channel", "sms",
                "language", "es", "body", TEXT));
        assertThat(saved.status()).isEqualTo(302);
        var id = TEMPLATE_ID.matcher(saved.location());
        assertThat(id.find()).as("redirect to the saved template: %s", saved.location()).isTrue();
        long templateId = PublicId.parse("tpl_", id.group(1)).orElseThrow();
        assertThat(templates.require(workspaceId, templateId).variants()).singleElement()
                .satisfies(v -> assertThat(v.body()).isEqualTo(TEXT));

        assertThat(owner.get("/templates/" + id.group(1) + "/edit").body())
                .containsPattern("id=\"variant-body-0\"[^>]*>" + Pattern.quote(TEXT) + "</textarea>")
                .containsPattern("id=\"variant-body-1\"[^>]*></textarea>");
        var again = owner.post("/templates/" + id.group(1), Map.of("name", "Cita", "purpose", "transactional",
                "channel", "sms", "language", "es", "body", TEXT + ", ven 10 minutos antes"));
        assertThat(again.status()).isEqualTo(302);
        assertThat(templates.require(workspaceId, templateId).variants()).singleElement()
                .satisfies(v -> assertThat(v.body()).isEqualTo(TEXT + ", ven 10 minutos antes"));
    }

    @Test
    void everyRowFieldKeepsItsCommas() {
        var email = owner.post("/templates", Map.of("name", "Recordatorio", "purpose", "transactional",
                "channel", "email", "language", "es", "subject", "Hola, {{first_name}}", "body", TEXT,
                "html", "<p>Hola, {{first_name}}, tu cita</p>"));
        assertThat(email.status()).isEqualTo(302);
        assertThat(savedVariant(email)).satisfies(v -> {
            assertThat(v.subject()).isEqualTo("Hola, {{first_name}}");
            assertThat(v.text()).isEqualTo(TEXT);
            assertThat(v.html()).isEqualTo("<p>Hola, {{first_name}}, tu cita</p>");
        });

        var whatsapp = owner.post("/templates", Map.of("name", "Aviso", "purpose", "transactional",
                "channel", "whatsapp", "language", "es", "body", "cita_lista",
                "params", "{{first_name}}, gracias\nLunes, 10:00"));
        assertThat(whatsapp.status()).isEqualTo(302);
        assertThat(savedVariant(whatsapp).params()).containsExactly("{{first_name}}, gracias", "Lunes, 10:00");
    }

    @Test
    void thePreviewShowsOneVariantAndNamesTheEncodingAsPeopleKnowIt() {
        var gsm = owner.post("/templates/preview", Map.of("purpose", "transactional", "channel", "sms",
                "language", "es", "body", TEXT));
        assertThat(gsm.status()).isEqualTo(200);
        assertThat(previews(gsm.body())).isEqualTo(1);
        assertThat(gsm.body()).contains("Hola, Ana, tu cita", "GSM-7 · 1 segment(s)").doesNotContain("gsm7");

        var ucs = owner.post("/templates/preview", Map.of("purpose", "transactional", "channel", "sms",
                "language", "es", "body", TEXT + " 😀"));
        assertThat(previews(ucs.body())).isEqualTo(1);
        assertThat(ucs.body()).contains("UCS-2 · 1 segment(s)").doesNotContain("ucs2 ·");

        var spanish = new ConsoleSession(port).language("es");
        spanish.login("este@test.local", "este@test.local-password");
        assertThat(spanish.post("/templates/preview", Map.of("purpose", "transactional", "channel", "sms",
                "language", "es", "body", TEXT + " 😀")).body()).contains("UCS-2 · 1 segmento(s)");
    }

    private TemplateManagement.Variant savedVariant(ConsoleSession.Page saved) {
        var id = TEMPLATE_ID.matcher(saved.location());
        assertThat(id.find()).as("redirect to the saved template: %s", saved.location()).isTrue();
        var variants = templates.require(workspaceId, PublicId.parse("tpl_", id.group(1)).orElseThrow()).variants();
        assertThat(variants).hasSize(1);
        return variants.get(0);
    }

    private static int previews(String body) {
        return body.split("class=\"variant-preview\"", -1).length - 1;
    }
}
