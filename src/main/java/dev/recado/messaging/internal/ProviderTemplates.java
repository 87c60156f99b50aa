package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.messaging.spi.ProviderTemplate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The templates each sender's provider holds ({@code provider_templates}), replaced whole at every
 * sync, added one by one when submitted for review and moved by the provider's status webhooks.
 * Acceptance reads them per sender: a sender that has synced sends only approved templates, and a
 * template's category prices it.
 */
@Component
class ProviderTemplates {

    private static final String COLUMNS = "name, language, category, status, quality, provider_id, reason";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    ProviderTemplates(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * The sender's list as the provider gave it, read from {@code readStartedAt} on. A row stored
     * since (a template submitted, a status webhook, another node's sync) is newer than the list:
     * it stays as it is, so a sync that read the account just before a submission does not drop it.
     * Two nodes replacing at once both end with the list: a row the other inserted is left alone.
     */
    void replace(long senderId, List<ProviderTemplate> templates, Instant readStartedAt, Instant now) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("delete from provider_templates where sender_id = :s and synced_at <= :read")
                    .param("s", senderId).param("read", Db.ts(readStartedAt)).update();
            Map<String, ProviderTemplate> unique = new HashMap<>();
            templates.forEach(t -> unique.put(t.name() + "/" + t.language(), t));
            for (ProviderTemplate t : unique.values()) {
                insert(senderId, t, now, " on conflict do nothing");
            }
        });
    }

    /** A template just submitted; false when the sender already has one of that name and language. */
    boolean add(long senderId, ProviderTemplate template, Instant now) {
        try {
            insert(senderId, template, now, "");
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    boolean holdsAny(long senderId) {
        return jdbc.sql("select count(*) from provider_templates where sender_id = :s").param("s", senderId)
                .query(Long.class).single() > 0;
    }

    boolean exists(long senderId, String name, String language) {
        return jdbc.sql("select count(*) from provider_templates where sender_id = :s and name = :n and language = :l")
                .param("s", senderId).param("n", name).param("l", language).query(Long.class).single() > 0;
    }

    /**
     * A status the provider reported for a template it names: setting the same status again
     * changes nothing, so a redelivered webhook is harmless. A template not (yet) stored is left to
     * the next sync. Returns the rows changed.
     */
    int updateStatus(long senderId, ProviderTemplate t, Instant now) {
        return jdbc.sql("""
                update provider_templates set status = :status, reason = :reason,
                       category = coalesce(:category, category), provider_id = coalesce(:pid, provider_id), synced_at = :now
                 where sender_id = :s and name = :name and language = :language""")
                .param("status", t.status()).param("reason", t.reason()).param("category", t.category())
                .param("pid", t.providerId()).param("now", Db.ts(now)).param("s", senderId).param("name", t.name())
                .param("language", t.language()).update();
    }

    private void insert(long senderId, ProviderTemplate t, Instant now, String onConflict) {
        jdbc.sql("insert into provider_templates (sender_id, " + COLUMNS + ", synced_at)"
                + " values (:s, :name, :language, :category, :status, :quality, :pid, :reason, :now)" + onConflict)
                .param("s", senderId).param("name", t.name()).param("language", t.language())
                .param("category", t.category()).param("status", t.status()).param("quality", t.quality())
                .param("pid", t.providerId()).param("reason", t.reason()).param("now", Db.ts(now)).update();
    }

    /**
     * A template as acceptance judges it through a sender whose synced templates are {@code known}:
     * a sender that never synced sends any name (its category unknown), one that did only an
     * approved template it holds. {@code template} is null when the list lacks it.
     */
    record Judged(ProviderTemplate template, boolean accepted) {

        /** The provider's status, {@code unknown} when the sender's list lacks the template. */
        String status() {
            return template == null ? "unknown" : template.status();
        }

        String category() {
            return template == null ? null : template.category();
        }
    }

    static Judged judge(Map<String, ProviderTemplate> known, String name, String language) {
        var template = known.get(name + "/" + language);
        return new Judged(template, known.isEmpty() || template != null && template.approved());
    }

    /** The sender's templates by {@code name/language}; empty when it never synced. */
    Map<String, ProviderTemplate> of(long senderId) {
        Map<String, ProviderTemplate> byKey = new HashMap<>();
        list(senderId).forEach(t -> byKey.put(t.name() + "/" + t.language(), t));
        return byKey;
    }

    /** The sender's templates by name and language, as last synced or reported. */
    List<ProviderTemplate> list(long senderId) {
        return jdbc.sql("select " + COLUMNS + " from provider_templates where sender_id = :s order by name, language")
                .param("s", senderId)
                .query((rs, n) -> new ProviderTemplate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }
}
