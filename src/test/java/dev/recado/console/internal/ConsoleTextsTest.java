package dev.recado.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.billing.LedgerEntry;
import dev.recado.consent.Channel;
import dev.recado.consent.ConsentEvent;
import dev.recado.consent.ConsentSource;
import dev.recado.consent.ConsentStatus;
import dev.recado.consent.KeywordEvidence;
import dev.recado.consent.Purpose;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

/** Ledger lines and keyword evidence, which modules keep as codes and values, in both languages. */
class ConsoleTextsTest {

    private final ConsoleTexts texts = new ConsoleTexts(ProblemTextsTest.bundles(), null, null);

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void ledgerLinesCountMessagesInTheReadersLanguage() {
        LocaleContextHolder.setLocale(Locale.of("es"));
        assertThat(texts.ledger(entry("usage", 1, "1 message"))).isEqualTo("1 mensaje");
        assertThat(texts.ledger(entry("usage", 1200, "1200 messages"))).isEqualTo("1.200 mensajes");
        assertThat(texts.ledger(entry("trial", null, "Trial credit"))).isEqualTo("Saldo de prueba");
        assertThat(texts.ledger(entry("credit", null, "Top-up"))).isEqualTo("Recarga");
        assertThat(texts.ledger(entry("credit", null, "Factura 2026-11"))).isEqualTo("Factura 2026-11");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(texts.ledger(entry("usage", 2, "2 messages"))).isEqualTo("2 messages");
    }

    @Test
    void aKeywordRepliesEvidenceIsWordedFromItsParts() {
        String stored = KeywordEvidence.of("Baja por favor", Channel.SMS).stored();
        assertThat(stored).isEqualTo("Sent \"Baja por favor\" on sms");
        LocaleContextHolder.setLocale(Locale.of("es"));
        assertThat(texts.evidence(consent(ConsentSource.KEYWORD, stored))).isEqualTo("Respondió «Baja por favor» por SMS");
        assertThat(texts.evidence(consent(ConsentSource.FORM, "Hoja firmada"))).isEqualTo("Hoja firmada");
    }

    private static LedgerEntry entry(String kind, Integer quantity, String description) {
        return new LedgerEntry(1, kind, BigDecimal.ONE, BigDecimal.TEN, "EUR", null, description, quantity, Instant.EPOCH);
    }

    private static ConsentEvent consent(ConsentSource source, String evidence) {
        return new ConsentEvent(1, 1, Channel.ALL, Purpose.MARKETING, ConsentStatus.OPTED_OUT, source, evidence,
                "contact", Instant.EPOCH, Instant.EPOCH, false);
    }
}
