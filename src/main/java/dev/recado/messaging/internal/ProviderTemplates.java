package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.messaging.spi.ProviderTemplate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The templates each sender's provider holds ({@code provider_templates}), replaced whole at every
 * sync. Acceptance reads them per sender: a sender that has synced sends only approved templates,
 * and a template's category prices it.
 */
@Component
class ProviderTemplates {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    ProviderTemplates(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    void replace(long senderId, List<ProviderTemplate> templates, Instant now) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("delete from provider_templates where sender_id = :s").param("s", senderId).update();
            Map<String, ProviderTemplate> unique = new HashMap<>();
            templates.forEach(t -> unique.put(t.name() + "/" + t.language(), t));
            for (ProviderTemplate t : unique.values()) {
                jdbc.sql("""
                        insert into provider_templates (sender_id, name, language, category, status, quality, synced_at)
                        values (:s, :name, :language, :category, :status, :quality, :now)""")
                        .param("s", senderId).param("name", t.name()).param("language", t.language())
                        .param("category", t.category()).param("status", t.status()).param("quality", t.quality())
                        .param("now", Db.ts(now)).update();
            }
        });
    }

    /** The sender's templates by {@code name/language}; empty when it never synced. */
    Map<String, ProviderTemplate> of(long senderId) {
        Map<String, ProviderTemplate> byKey = new HashMap<>();
        jdbc.sql("select name, language, category, status, quality from provider_templates where sender_id = :s")
                .param("s", senderId)
                .query((rs, n) -> new ProviderTemplate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list().forEach(t -> byKey.put(t.name() + "/" + t.language(), t));
        return byKey;
    }

    /** The sender's templates by name and language, as last synced. */
    List<ProviderTemplate> list(long senderId) {
        return jdbc.sql("""
                select name, language, category, status, quality from provider_templates where sender_id = :s
                order by name, language""")
                .param("s", senderId)
                .query((rs, n) -> new ProviderTemplate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list();
    }
}
