package dev.recado.campaigns.internal;

import dev.recado.common.Db;
import dev.recado.contacts.Contact;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a segment's contacts: counted, or streamed in keyset pages by contact id. It reads the
 * contacts module's tables (and consent events and messages for conditions on them) directly,
 * read-only: a segment is one SQL predicate, which no per-contact API call could match in speed.
 */
@Repository
class Audience {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** What a template may use of a contact, over {@code contacts c}. */
    static final String CONTACT_COLUMNS = "c.id, c.workspace_id, c.phone, c.email, c.first_name, c.last_name,"
            + " c.language, c.timezone, c.country, c.attributes, c.created_at, c.updated_at";

    private final JdbcClient jdbc;

    Audience(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long count(long workspaceId, SegmentWhere where) {
        List<Object> params = new ArrayList<>();
        params.add(workspaceId);
        params.addAll(where.params());
        return jdbc.sql("select count(*) from contacts c where c.workspace_id = ? and c.erased_at is null and "
                + where.sql()).params(params).query(Long.class).single();
    }

    /**
     * Per channel of {@code channels}, how many of the audience it is the first to reach (an identity
     * there and consent for {@code purpose}, as acceptance checks them), in one scan of the audience;
     * the key {@code ""} counts those no channel reaches. Channels must be known ones.
     */
    Map<String, Long> firstReachable(long workspaceId, SegmentWhere where, String purpose, List<String> channels) {
        FirstChannel first = FirstChannel.of(channels, purpose);
        List<Object> params = new ArrayList<>(first.params());
        params.add(workspaceId);
        params.addAll(where.params());
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        channels.forEach(ch -> counts.put(ch, 0L));
        counts.put("", 0L);
        jdbc.sql("select first_channel, count(*) as n from (select " + first.sql() + " as first_channel from contacts c"
                + " where c.workspace_id = ? and c.erased_at is null and " + where.sql() + ") r group by first_channel")
                .params(params).query(rs -> {
                    int index = rs.getInt("first_channel");
                    counts.put(index < 0 ? "" : channels.get(index), rs.getLong("n"));
                });
        return counts;
    }

    /** Up to {@code size} contacts after {@code afterId}, in id order; tags are not loaded. */
    List<Contact> page(long workspaceId, SegmentWhere where, long afterId, int size) {
        List<Object> params = new ArrayList<>();
        params.add(workspaceId);
        params.add(afterId);
        params.addAll(where.params());
        params.add(size);
        return jdbc.sql("select " + CONTACT_COLUMNS + " from contacts c"
                + " where c.workspace_id = ? and c.id > ? and c.erased_at is null and " + where.sql()
                + " order by c.id fetch first ? rows only").params(params).query(Audience::contact).list();
    }

    /** A row of {@link #CONTACT_COLUMNS} as the contact the runner renders for (tags not loaded). */
    static Contact contact(ResultSet rs, int n) throws SQLException {
        String attributes = rs.getString("attributes");
        return new Contact(rs.getLong("id"), rs.getLong("workspace_id"), rs.getString("phone"), rs.getString("email"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("language"),
                rs.getString("timezone"), rs.getString("country"), List.of(),
                attributes == null ? Map.of() : JSON.readValue(attributes, MAP), Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"), null);
    }
}
