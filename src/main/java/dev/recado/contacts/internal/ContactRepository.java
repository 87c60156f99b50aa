package dev.recado.contacts.internal;

import dev.recado.common.Db;
import dev.recado.common.IdBlocks;
import dev.recado.common.PostgresCopy;
import dev.recado.common.SetStatements;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class ContactRepository {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /** The columns of one contact row, ready to write. */
    public record Row(long id, long workspaceId, String phone, String email, String firstName, String lastName,
            String language, String timezone, String country, Map<String, Object> attributes) {
    }

    private static final String INSERT = """
            insert into contacts (id, workspace_id, phone, email, first_name, last_name, language, timezone, country,
                                  attributes, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String UPDATE = """
            update contacts set phone = ?, email = ?, first_name = ?, last_name = ?, language = ?, timezone = ?,
                                country = ?, attributes = ?, updated_at = ?
             where id = ? and workspace_id = ?
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final IdBlocks ids;
    private final DataSource dataSource;

    ContactRepository(JdbcClient jdbc, JdbcTemplate template, IdBlocks ids, DataSource dataSource) {
        this.jdbc = jdbc;
        this.template = template;
        this.ids = ids;
        this.dataSource = dataSource;
    }

    public List<Long> reserveIds(int count) {
        return ids.next("contact_id_seq", count);
    }

    public void insertAll(List<Row> rows, Instant now) {
        if (ids.postgres()) {
            // imports write thousands of new contacts per batch: COPY is several times cheaper for
            // PostgreSQL than parsing and planning a multi-row insert with a dozen parameters a row
            PostgresCopy.copy(dataSource, "contacts", "id, workspace_id, phone, email, first_name, last_name, language,"
                    + " timezone, country, attributes, created_at, updated_at", rows, (r, out) -> out.add(r.id())
                            .add(r.workspaceId()).add(r.phone()).add(r.email()).add(r.firstName()).add(r.lastName())
                            .add(r.language()).add(r.timezone()).add(r.country()).add(json(r.attributes())).add(now)
                            .add(now));
            return;
        }
        var ts = Db.ts(now);
        template.batchUpdate(INSERT, rows, 2000, (ps, r) -> {
            ps.setLong(1, r.id());
            ps.setLong(2, r.workspaceId());
            ps.setString(3, r.phone());
            ps.setString(4, r.email());
            ps.setString(5, r.firstName());
            ps.setString(6, r.lastName());
            ps.setString(7, r.language());
            ps.setString(8, r.timezone());
            ps.setString(9, r.country());
            ps.setString(10, json(r.attributes()));
            ps.setObject(11, ts);
            ps.setObject(12, ts);
        });
    }

    public void updateAll(List<Row> rows, Instant now) {
        var ts = Db.ts(now);
        template.batchUpdate(UPDATE, rows, 2000, (ps, r) -> {
            ps.setString(1, r.phone());
            ps.setString(2, r.email());
            ps.setString(3, r.firstName());
            ps.setString(4, r.lastName());
            ps.setString(5, r.language());
            ps.setString(6, r.timezone());
            ps.setString(7, r.country());
            ps.setString(8, json(r.attributes()));
            ps.setObject(9, ts);
            ps.setLong(10, r.id());
            ps.setLong(11, r.workspaceId());
        });
    }

    /** Adds tags that are not there yet. */
    public void addTags(long workspaceId, Map<Long, ? extends Collection<String>> tagsByContact) {
        Map<Long, List<String>> existing = tagsOf(tagsByContact.keySet());
        Map<Long, List<String>> missing = new LinkedHashMap<>();
        tagsByContact.forEach((contact, tags) -> {
            List<String> had = existing.getOrDefault(contact, List.of());
            missing.put(contact, tags.stream().filter(t -> !had.contains(t)).toList());
        });
        tagNew(workspaceId, missing);
    }

    /** Tags contacts that have none yet (created in this transaction): nothing to look up first. */
    public void tagNew(long workspaceId, Map<Long, ? extends Collection<String>> tagsByContact) {
        List<Object[]> rows = new ArrayList<>();
        tagsByContact.forEach((contact, tags) -> tags.forEach(t -> rows.add(new Object[] {contact, workspaceId, t})));
        if (ids.postgres()) {
            PostgresCopy.copy(dataSource, "contact_tags", "contact_id, workspace_id, tag", rows,
                    (r, out) -> out.add(r[0]).add(r[1]).add(r[2]));
            return;
        }
        template.batchUpdate("insert into contact_tags (contact_id, workspace_id, tag) values (?, ?, ?)", rows);
    }

    public void replaceTags(long workspaceId, long contactId, Collection<String> tags) {
        jdbc.sql("delete from contact_tags where contact_id = :id").param("id", contactId).update();
        addTags(workspaceId, Map.of(contactId, tags));
    }

    /** Takes one tag off these contacts; how many had it. */
    public int removeTag(long workspaceId, Collection<Long> contactIds, String tag) {
        if (contactIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("delete from contact_tags where workspace_id = :ws and tag = :tag and contact_id in (:ids)")
                .param("ws", workspaceId).param("tag", tag).param("ids", contactIds).update();
    }

    /** Every tag in use in a workspace, alphabetically (autocomplete offers them). */
    public List<String> workspaceTags(long workspaceId, int limit) {
        return jdbc.sql("select distinct tag from contact_tags where workspace_id = :ws order by tag limit :limit")
                .param("ws", workspaceId).param("limit", limit).query(String.class).list();
    }

    /** Which of these ids are live (not erased) contacts of this workspace. */
    public List<Long> liveIds(long workspaceId, Collection<Long> contactIds) {
        if (contactIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id from contacts where workspace_id = :ws and erased_at is null and id = any(:ids)"
                + " order by id desc").param("ws", workspaceId).param("ids", SetStatements.bigints(contactIds)).query(Long.class).list();
    }

    /** A page of the ids {@link #list} would show, newest first, for acting on a whole filter. */
    public List<Long> ids(long workspaceId, ContactFilter filter, long beforeId, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("before", beforeId);
        params.put("limit", limit);
        String sql = "select c.id from contacts c where c.workspace_id = :ws and c.id < :before and c.erased_at is null"
                + conditions(workspaceId, filter, params) + " order by c.id desc limit :limit";
        return jdbc.sql(sql).params(params).query(Long.class).list();
    }

    public Map<Long, List<String>> tagsOf(Collection<Long> contactIds) {
        Map<Long, List<String>> tags = new HashMap<>();
        if (contactIds.isEmpty()) {
            return tags;
        }
        jdbc.sql("select contact_id, tag from contact_tags where contact_id = any(:ids) order by tag")
                .param("ids", SetStatements.bigints(contactIds))
                .query(rs -> {
                    tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return tags;
    }

    /** Many contacts by id in one query, without their tags (the send path does not need them). */
    public List<Contact> findAllWithoutTags(long workspaceId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from contacts where workspace_id = :ws and id = any(:ids)")
                .param("ws", workspaceId).param("ids", SetStatements.bigints(ids)).query(ContactRepository::mapWithoutTags).list();
    }

    public Optional<Contact> find(long workspaceId, long id) {
        return jdbc.sql("select * from contacts where workspace_id = :ws and id = :id")
                .param("ws", workspaceId).param("id", id)
                .query(ContactRepository::mapWithoutTags).optional()
                .map(c -> withTags(List.of(c)).get(0));
    }

    /**
     * Contacts holding any of these phones or emails, for duplicate checks and upserts: one lookup
     * per unique index ({@code phone in (..) or email in (..)} makes PostgreSQL scan the table). The
     * list form is the dialect difference: PostgreSQL plans an IN list onto the index, H2 checks it
     * row by row and needs a VALUES table to join instead.
     */
    /**
     * Whether batches of one import may be written side by side: PostgreSQL detects two writers
     * waiting on each other's new rows and aborts one; embedded H2 spins until its lock timeout.
     */
    boolean takesParallelImports() {
        return ids.postgres();
    }

    public List<Contact> findByIdentity(long workspaceId, Collection<String> phones, Collection<String> emails) {
        Map<Long, Contact> found = new LinkedHashMap<>();
        lookUp(workspaceId, "phone", phones).forEach(c -> found.put(c.id(), c));
        lookUp(workspaceId, "email", emails).forEach(c -> found.putIfAbsent(c.id(), c));
        return List.copyOf(found.values());
    }

    private List<Contact> lookUp(long workspaceId, String column, Collection<String> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        if (ids.postgres()) {
            // one array parameter, not an IN list of 2,000: planning that list cost PostgreSQL three
            // times the index probes themselves (14 ms against 4 ms a batch)
            String[] distinct = new java.util.LinkedHashSet<>(values).toArray(String[]::new);
            return template.query("select * from contacts where workspace_id = ? and " + column + " = any(?)", ps -> {
                ps.setLong(1, workspaceId);
                ps.setArray(2, ps.getConnection().createArrayOf("text", distinct));
            }, ContactRepository::mapWithoutTags);
        }
        List<Contact> found = new ArrayList<>();
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(values));
        for (int from = 0; from < distinct.size(); from += 1_000) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + 1_000));
            List<Object> args = new ArrayList<>(chunk);
            args.add(workspaceId);
            found.addAll(template.query("select c.* from (values "
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?)"))
                    + ") v(x) join contacts c on c." + column + " = v.x and c.workspace_id = ?",
                    ContactRepository::mapWithoutTags, args.toArray()));
        }
        return found;
    }

    public List<Contact> list(long workspaceId, ContactFilter filter, long beforeId, int limit) {
        var sql = new StringBuilder("select c.* from contacts c where c.workspace_id = :ws and c.id < :before and c.erased_at is null");
        Map<String, Object> params = new HashMap<>();
        params.put("before", beforeId);
        params.put("limit", limit);
        sql.append(conditions(workspaceId, filter, params));
        sql.append(" order by c.id desc limit :limit");
        return withTags(jdbc.sql(sql.toString()).params(params).query(ContactRepository::mapWithoutTags).list());
    }

    /** How many contacts a filter matches (the same conditions as {@link #list}). */
    public long count(long workspaceId, ContactFilter filter) {
        Map<String, Object> params = new HashMap<>();
        String sql = "select count(*) from contacts c where c.workspace_id = :ws and c.erased_at is null"
                + conditions(workspaceId, filter, params);
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static String conditions(long workspaceId, ContactFilter filter, Map<String, Object> params) {
        var sql = new StringBuilder();
        params.put("ws", workspaceId);
        if (filter.tag() != null) {
            sql.append(" and exists (select 1 from contact_tags t where t.workspace_id = :ws and t.tag = :tag and t.contact_id = c.id)");
            params.put("tag", filter.tag().toLowerCase(Locale.ROOT));
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            sql.append(" and (lower(c.first_name) like :q or lower(c.last_name) like :q or c.email like :q or c.phone like :qphone")
                    .append(" or lower(concat(coalesce(c.first_name, ''), ' ', coalesce(c.last_name, ''))) like :q)");
            String q = filter.text().strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            params.put("q", "%" + q + "%");
            params.put("qphone", "%" + q.replaceAll("[\\s()\\-.]", "") + "%");
        }
        if (filter.createdAfter() != null) {
            sql.append(" and c.created_at >= :after");
            params.put("after", Db.ts(filter.createdAfter()));
        }
        if (filter.createdBefore() != null) {
            sql.append(" and c.created_at < :createdBefore");
            params.put("createdBefore", Db.ts(filter.createdBefore()));
        }
        return sql.toString();
    }

    public void erase(long workspaceId, long id, String identityHash, Instant now) {
        jdbc.sql("""
                update contacts set phone = null, email = null, first_name = null, last_name = null, attributes = null,
                       timezone = null, erased_identity_hash = :hash, erased_at = :now, updated_at = :now
                 where workspace_id = :ws and id = :id
                """)
                .param("hash", identityHash).param("now", Db.ts(now)).param("ws", workspaceId).param("id", id)
                .update();
        jdbc.sql("delete from contact_tags where contact_id = :id").param("id", id).update();
        jdbc.sql("delete from contact_channel_ids where contact_id = :id").param("id", id).update();
    }

    /** The live contact a channel id belongs to. */
    public Optional<Contact> findByChannelId(long workspaceId, String channel, String externalId) {
        return jdbc.sql("""
                select c.* from contact_channel_ids i join contacts c on c.id = i.contact_id
                 where i.workspace_id = :ws and i.channel = :channel and i.external_id = :external and c.erased_at is null""")
                .param("ws", workspaceId).param("channel", channel).param("external", externalId)
                .query(ContactRepository::mapWithoutTags).optional();
    }

    /** The contact's id on a channel (the first linked), if it has one. */
    public Optional<String> channelIdOf(long workspaceId, long contactId, String channel) {
        return jdbc.sql("""
                select external_id from contact_channel_ids
                 where workspace_id = :ws and contact_id = :contact and channel = :channel
                 order by created_at, external_id""")
                .param("ws", workspaceId).param("contact", contactId).param("channel", channel)
                .query(String.class).stream().findFirst();
    }

    /** Links the id to the contact, moving it from another contact it named before. */
    public void moveChannelId(long workspaceId, long contactId, String channel, String externalId, Instant now) {
        int moved = jdbc.sql("""
                update contact_channel_ids set contact_id = :contact
                 where workspace_id = :ws and channel = :channel and external_id = :external""")
                .param("ws", workspaceId).param("channel", channel).param("external", externalId)
                .param("contact", contactId).update();
        if (moved == 0) {
            linkChannelId(workspaceId, contactId, channel, externalId, now);
        }
    }

    /** Links the id to the contact unless it already names one (the first link stands). */
    public void linkChannelId(long workspaceId, long contactId, String channel, String externalId, Instant now) {
        jdbc.sql("""
                insert into contact_channel_ids (workspace_id, channel, external_id, contact_id, created_at)
                values (:ws, :channel, :external, :contact, :now) on conflict do nothing""")
                .param("ws", workspaceId).param("channel", channel).param("external", externalId)
                .param("contact", contactId).param("now", Db.ts(now)).update();
    }

    public Map<String, AttributeType> attributeTypes(long workspaceId) {
        Map<String, AttributeType> types = new HashMap<>();
        jdbc.sql("select name, type from attribute_definitions where workspace_id = :ws").param("ws", workspaceId)
                .query(rs -> {
                    types.put(rs.getString(1), AttributeType.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)));
                });
        return types;
    }

    public void defineAttributes(long workspaceId, Map<String, AttributeType> added) {
        if (added.isEmpty()) {
            return;
        }
        var existing = attributeTypes(workspaceId);
        List<Object[]> rows = added.entrySet().stream().filter(e -> !existing.containsKey(e.getKey()))
                .map(e -> new Object[] {workspaceId, e.getKey(), e.getValue().toString()}).toList();
        // a concurrent request may define the same attribute first; its type then stands
        template.batchUpdate("insert into attribute_definitions (workspace_id, name, type) values (?, ?, ?)"
                + " on conflict do nothing", rows);
    }

    public long count(long workspaceId) {
        return jdbc.sql("select count(*) from contacts where workspace_id = :ws and erased_at is null")
                .param("ws", workspaceId).query(Long.class).single();
    }

    public List<Contact> withTags(List<Contact> contacts) {
        var tags = tagsOf(contacts.stream().map(Contact::id).toList());
        return contacts.stream().map(c -> new Contact(c.id(), c.workspaceId(), c.phone(), c.email(), c.firstName(),
                c.lastName(), c.language(), c.timezone(), c.country(), tags.getOrDefault(c.id(), List.of()),
                c.attributes(), c.createdAt(), c.updatedAt(), c.erasedAt())).toList();
    }

    static String json(Map<String, Object> attributes) {
        return attributes == null || attributes.isEmpty() ? null : JSON.writeValueAsString(attributes);
    }

    static Contact mapWithoutTags(ResultSet rs, int row) throws SQLException {
        String attributes = rs.getString("attributes");
        return new Contact(rs.getLong("id"), rs.getLong("workspace_id"), rs.getString("phone"), rs.getString("email"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("language"),
                rs.getString("timezone"), rs.getString("country"), List.of(),
                attributes == null ? Map.of() : JSON.readValue(attributes, MAP), Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"), Db.instant(rs, "erased_at"));
    }
}
