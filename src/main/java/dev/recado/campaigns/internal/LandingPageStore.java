package dev.recado.campaigns.internal;

import dev.recado.common.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Landing pages and the conversions their forms record. */
@Repository
class LandingPageStore {

    private final JdbcClient jdbc;
    private final WorkspaceRows rows;

    LandingPageStore(JdbcClient jdbc, WorkspaceRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    /** Throws DuplicateKeyException when the slug is taken. */
    long insert(LandingPage p, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into landing_pages (workspace_id, campaign_id, slug, title, body, image_url, button_label,
                                           button_url, form, created_at)
                values (:ws, :campaign, :slug, :title, :body, :image, :label, :url, :form, :now)""")
                .param("ws", p.workspaceId()).param("campaign", p.campaignId()).param("slug", p.slug())
                .param("title", p.title()).param("body", p.body()).param("image", p.imageUrl())
                .param("label", p.buttonLabel()).param("url", p.buttonUrl()).param("form", p.form())
                .param("now", Db.ts(now)).update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<LandingPage> find(long workspaceId, long id) {
        return rows.find("landing_pages", workspaceId, id, this::row);
    }

    List<LandingPage> ofCampaign(long campaignId) {
        return jdbc.sql("select * from landing_pages where campaign_id = :id order by id").param("id", campaignId)
                .query(this::row).list();
    }

    Optional<LandingPage> bySlug(String slug) {
        return jdbc.sql("select * from landing_pages where slug = :slug").param("slug", slug).query(this::row).optional();
    }

    Optional<Long> idOfSlug(String slug) {
        return jdbc.sql("select id from landing_pages where slug = :slug").param("slug", slug).query(Long.class).optional();
    }

    void convert(LandingPage page, Long contactId, String kind, String userAgent, Instant now) {
        jdbc.sql("""
                insert into landing_conversions (page_id, campaign_id, contact_id, kind, user_agent, created_at)
                values (:page, :campaign, :contact, :kind, :agent, :now)""")
                .param("page", page.id()).param("campaign", page.campaignId()).param("contact", contactId)
                .param("kind", kind).param("agent", userAgent).param("now", Db.ts(now)).update();
    }

    private LandingPage row(ResultSet rs, int n) throws SQLException {
        return new LandingPage(rs.getLong("id"), rs.getLong("workspace_id"), rs.getLong("campaign_id"),
                rs.getString("slug"), rs.getString("title"), rs.getString("body"), rs.getString("image_url"),
                rs.getString("button_label"), rs.getString("button_url"), rs.getString("form"),
                Db.instant(rs, "created_at"));
    }
}
