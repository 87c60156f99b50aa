package dev.recado.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.messaging.spi.ProviderTemplate;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A sync replaces a sender's templates with what the provider listed, except what was stored after
 * the list was read: a template submitted meanwhile is not dropped, nor a newer status overwritten.
 */
@RecadoTest
class ProviderTemplatesTest {

    @Autowired
    ProviderTemplates templates;

    @Test
    void aSyncKeepsWhatWasStoredWhileItRead() {
        long sender = 8_800_000_000L + System.nanoTime() % 1_000_000;
        Instant t0 = Instant.parse("2030-03-01T10:00:00Z");
        templates.replace(sender, List.of(approved("aviso"), approved("retirada")), t0, t0);

        // submitted while a sync that began at t0 + 1 s was reading the account
        assertThat(templates.add(sender, pending("cita"), t0.plusSeconds(2))).isTrue();
        templates.replace(sender, List.of(approved("aviso")), t0.plusSeconds(1), t0.plusSeconds(3));
        assertThat(names(sender)).containsExactly("aviso/approved", "cita/pending");

        // Meta approved it after the next read began: the read's older "pending" does not undo that
        templates.updateStatus(sender, new ProviderTemplate("cita", "es", null, "approved", null), t0.plusSeconds(5));
        templates.replace(sender, List.of(approved("aviso"), pending("cita")), t0.plusSeconds(4), t0.plusSeconds(6));
        assertThat(names(sender)).containsExactly("aviso/approved", "cita/approved");

        // a read that began after everything was stored is the whole truth: what it lacks is gone
        templates.replace(sender, List.of(approved("aviso")), t0.plus(Duration.ofMinutes(15)),
                t0.plus(Duration.ofMinutes(15)));
        assertThat(names(sender)).containsExactly("aviso/approved");
    }

    private List<String> names(long sender) {
        return templates.list(sender).stream().map(t -> t.name() + "/" + t.status()).toList();
    }

    private static ProviderTemplate approved(String name) {
        return new ProviderTemplate(name, "es", "utility", "approved", null);
    }

    private static ProviderTemplate pending(String name) {
        return new ProviderTemplate(name, "es", "utility", "pending", null);
    }
}
