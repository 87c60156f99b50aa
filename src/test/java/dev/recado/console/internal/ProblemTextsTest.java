package dev.recado.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The modules' English field problems and refusal codes, worded in Spanish for the console. */
class ProblemTextsTest {

    private final ProblemTexts texts = new ProblemTexts(bundles());

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void knownSentencesBecomeTheirSpanishText() {
        LocaleContextHolder.setLocale(Locale.of("es"));
        assertThat(texts.field("is not a valid phone number (default country ES)"))
                .isEqualTo("no es un número de teléfono válido");
        assertThat(texts.field("may hold only digits, spaces and + - . ( ) / (no letters, no extension)"))
                .isEqualTo("solo admite cifras, espacios y + - . ( ) / (ni letras ni extensión)");
        assertThat(texts.field("must be at most 200 characters")).isEqualTo("tiene más de 200 caracteres");
        assertThat(texts.field("needs 12 SMS segments; at most 10")).isEqualTo("ocuparía 12 segmentos SMS; se permiten 10 como mucho");
        assertThat(texts.field("something no rule knows")).isEqualTo("no es válido");
        // an A/B variant whose template lacks the channel is not "no template"
        assertThat(texts.field("must name a template of this workspace (tpl_…) with a variant for the campaign's channel"))
                .isEqualTo("debe ser una plantilla de este espacio con una variante para el canal de la campaña");
        assertThat(texts.field("must name a template of this workspace (tpl_…)")).isEqualTo("debe ser una plantilla de este espacio");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(texts.named("ab_test.variants[1].template_id",
                "must name a template of this workspace (tpl_…) with a variant for the campaign's channel"))
                .contains("with a variant for the campaign's channel");
    }

    @Test
    void importRejectionsNameTheirField() {
        LocaleContextHolder.setLocale(Locale.of("es"));
        assertThat(texts.rejection("phone is not a valid phone number (default country ES); email is not a valid email address"))
                .isEqualTo("Teléfono: no es un número de teléfono válido; Correo: no es una dirección de correo válida");
        assertThat(texts.rejection("no phone and no email")).isEqualTo("un contacto necesita un teléfono o un correo");
    }

    @Test
    void aRefusalUsesItsCodeAndAFormItsFields() {
        LocaleContextHolder.setLocale(Locale.of("es"));
        assertThat(texts.general(ApiException.conflict("duplicate_contact", "A contact with this phone exists", "ct_1")))
                .isEqualTo("Ya existe un contacto con este teléfono o correo.");
        var invalid = ApiException.invalid(List.of(new FieldProblem("tags[2]", "must be 1 to 64 letters, digits"),
                new FieldProblem("email", "is not a valid email address")));
        FormErrors form = texts.form(invalid);
        assertThat(form.fields()).isEqualTo(Map.of("tags", "una etiqueta tiene de 1 a 64 letras, cifras, espacios, _ : o -",
                "email", "no es una dirección de correo válida"));
        assertThat(form.general()).isNull();
        assertThat(texts.general(new ApiException(422, "some_new_code", "English detail"))).isEqualTo("No se ha podido atender la petición.");
    }

    static ResourceBundleMessageSource bundles() {
        var source = new ResourceBundleMessageSource();
        source.setBasename("i18n/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
