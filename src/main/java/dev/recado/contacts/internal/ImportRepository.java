package dev.recado.contacts.internal;

import dev.recado.common.Db;
import dev.recado.common.IdBlocks;
import dev.recado.contacts.ImportRejection;
import dev.recado.contacts.ImportStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class ImportRepository {

    static final int ERRORS_SHOWN = 1000;

    public record Job(long id, long workspaceId, String fileName, String optionsJson, long rowsRead) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    private static final long STATISTICS_AFTER_ROWS = 10_000;
    private final boolean postgres;

    ImportRepository(JdbcClient jdbc, JdbcTemplate template, IdBlocks ids) {
        this.jdbc = jdbc;
        this.template = template;
        this.postgres = ids.postgres();
    }

    public long create(long workspaceId, String fileName, String optionsJson, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into contact_imports (workspace_id, status, file_name, options, created_at)
                values (:ws, 'running', :file, :options, :now)
                """)
                .param("ws", workspaceId).param("file", fileName).param("options", optionsJson).param("now", Db.ts(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Progress moves in the same transaction as the rows it counts, so a resume starts exactly after them. */
    public void progress(long id, long rowsRead, long created, long updated, List<ImportRejection> rejections) {
        template.batchUpdate("insert into contact_import_rejections (import_id, row_number, reason) values (?, ?, ?)",
                rejections, 1000, (ps, r) -> {
                    ps.setLong(1, id);
                    ps.setLong(2, r.row());
                    ps.setString(3, storable(r.reason(), 500));
                });
        jdbc.sql("""
                update contact_imports set rows_read = :read, created_count = created_count + :created,
                       updated_count = updated_count + :updated, rejected_count = rejected_count + :rejected
                 where id = :id
                """)
                .param("read", rowsRead).param("created", created).param("updated", updated)
                .param("rejected", rejections.size()).param("id", id).update();
    }

    /**
     * After a large import on PostgreSQL the planner still holds the statistics of the table before
     * it (autovacuum analyzes a minute later at best): a campaign started at once planned its
     * keyset page as a scan of the whole workspace, 1.3 s a page instead of 5 ms; a tag condition
     * estimated 13 tagged contacts of 500,000 and counted them by a nested loop. Vacuum too (outside
     * any transaction: the import runs without one): until the new pages are marked all-visible, the
     * index-only scans that count audiences fetch every row from the heap (3 s instead of 0.6 s per
     * count at 1,000,000 contacts).
     */
    void refreshStatistics(long rowsWritten) {
        if (rowsWritten >= STATISTICS_AFTER_ROWS && postgres) {
            jdbc.sql("vacuum (analyze) contacts, contact_tags, consent_events, consent_state").update();
        }
    }

    public void finish(long id, String status, String failure, Instant now) {
        jdbc.sql("update contact_imports set status = :status, failure = :failure, finished_at = :now where id = :id")
                .param("status", status).param("failure", failure == null ? null : storable(failure, 1000))
                .param("now", Db.ts(now)).param("id", id).update();
    }

    /** Reasons quote the file's own text: no NUL (PostgreSQL refuses it) and cut to the column. */
    static String storable(String text, int max) {
        String clean = text.replace('\0', '\uFFFD');
        return clean.length() > max ? clean.substring(0, max - 1) + "…" : clean;
    }

    public List<Job> running() {
        return jdbc.sql("select id, workspace_id, file_name, options, rows_read from contact_imports where status = 'running'")
                .query((rs, n) -> new Job(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
                .list();
    }

    public Optional<ImportStatus> find(long workspaceId, long id) {
        return jdbc.sql("select * from contact_imports where workspace_id = :ws and id = :id")
                .param("ws", workspaceId).param("id", id)
                .query((rs, n) -> new ImportStatus(rs.getLong("id"), rs.getString("status"), rs.getString("file_name"),
                        rs.getLong("rows_read"), rs.getLong("created_count"), rs.getLong("updated_count"),
                        rs.getLong("rejected_count"), List.of(), rs.getString("failure"), Db.instant(rs, "created_at"),
                        Db.instant(rs, "finished_at")))
                .optional()
                .map(s -> new ImportStatus(s.id(), s.status(), s.fileName(), s.rowsRead(), s.created(), s.updated(),
                        s.rejected(), rejections(id), s.failure(), s.createdAt(), s.finishedAt()));
    }

    private List<ImportRejection> rejections(long id) {
        return jdbc.sql("""
                select row_number, reason from contact_import_rejections where import_id = :id
                 order by row_number limit :limit
                """)
                .param("id", id).param("limit", ERRORS_SHOWN)
                .query((rs, n) -> new ImportRejection(rs.getLong(1), rs.getString(2))).list();
    }
}
