package dev.recado.channels.sandbox;

import dev.recado.common.Db;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.ProviderTemplate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The templates the sandbox WhatsApp twin holds for a sender, as Meta holds a WABA's
 * ({@code sandbox_whatsapp_templates}): every one submitted, approved at once since the sandbox has
 * no reviewer, and {@code hello_world}, which Meta gives every new account, so a fresh sandbox has a
 * template to send outside the service window.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
class SandboxWhatsAppTemplates {

    static final ProviderTemplate HELLO_WORLD = new ProviderTemplate("hello_world", "en_US", "utility", "approved",
            null, "sandbox.hello_world", null);

    private final JdbcClient jdbc;
    private final Clock clock;

    SandboxWhatsAppTemplates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Keeps a template that passed Meta's rules, approved.
     *
     * @throws ChannelAdapterFactory.TemplateRefused as a duplicate when the sender has that name and
     *         language already, as Meta answers (subcode 2388024)
     */
    ProviderTemplate submit(long senderId, String name, String language, String category)
            throws ChannelAdapterFactory.TemplateRefused {
        var template = new ProviderTemplate(name, language, category.toLowerCase(Locale.ROOT), "approved", null,
                "sandbox." + UUID.randomUUID(), null);
        if (isHelloWorld(template)) {
            throw duplicate(template);
        }
        try {
            jdbc.sql("""
                    insert into sandbox_whatsapp_templates (sender_id, name, language, category, provider_id, created_at)
                    values (:s, :name, :language, :category, :pid, :now)""")
                    .param("s", senderId).param("name", name).param("language", language)
                    .param("category", template.category()).param("pid", template.providerId())
                    .param("now", Db.ts(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            throw duplicate(template);
        }
        return template;
    }

    /** Everything the sender's account holds: hello_world and what was submitted, by name and language. */
    List<ProviderTemplate> list(long senderId) {
        List<ProviderTemplate> all = new ArrayList<>(List.of(HELLO_WORLD));
        all.addAll(jdbc.sql("""
                select name, language, category, provider_id from sandbox_whatsapp_templates
                 where sender_id = :s order by name, language""")
                .param("s", senderId)
                .query((rs, n) -> new ProviderTemplate(rs.getString(1), rs.getString(2), rs.getString(3), "approved",
                        null, rs.getString(4), null))
                .list());
        return all;
    }

    private static boolean isHelloWorld(ProviderTemplate t) {
        return t.name().equals(HELLO_WORLD.name()) && t.language().equals(HELLO_WORLD.language());
    }

    private static ChannelAdapterFactory.TemplateRefused duplicate(ProviderTemplate t) {
        return new ChannelAdapterFactory.TemplateRefused("the account already has " + t.name() + " in " + t.language(),
                true);
    }
}
