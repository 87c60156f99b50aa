package dev.recado.consent.internal;

import dev.recado.consent.Channel;
import dev.recado.consent.KeywordAction;
import dev.recado.consent.KeywordRule;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class KeywordRuleRepository {

    private final JdbcClient jdbc;

    KeywordRuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void upsert(long workspaceId, String keyword, String language, KeywordAction action, Channel channel,
            String reply) {
        int updated = jdbc.sql("""
                update keyword_rules set language = :language, action = :action, channel = :channel, reply = :reply
                 where workspace_id = :ws and keyword = :keyword
                """)
                .param("ws", workspaceId).param("keyword", keyword).param("language", language)
                .param("action", action.toString()).param("channel", channel.toString()).param("reply", reply)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into keyword_rules (workspace_id, keyword, language, action, channel, reply)
                    values (:ws, :keyword, :language, :action, :channel, :reply)
                    """)
                    .param("ws", workspaceId).param("keyword", keyword).param("language", language)
                    .param("action", action.toString()).param("channel", channel.toString()).param("reply", reply)
                    .update();
        }
    }

    public List<KeywordRule> list(long workspaceId) {
        return jdbc.sql("select * from keyword_rules where workspace_id = :ws order by language, keyword")
                .param("ws", workspaceId)
                .query((rs, n) -> new KeywordRule(rs.getLong("id"), rs.getString("keyword"), rs.getString("language"),
                        KeywordAction.valueOf(rs.getString("action").toUpperCase(Locale.ROOT)),
                        Channel.valueOf(rs.getString("channel").toUpperCase(Locale.ROOT)), rs.getString("reply")))
                .list();
    }

    public int delete(long workspaceId, long id) {
        return jdbc.sql("delete from keyword_rules where workspace_id = :ws and id = :id")
                .param("ws", workspaceId).param("id", id).update();
    }
}
