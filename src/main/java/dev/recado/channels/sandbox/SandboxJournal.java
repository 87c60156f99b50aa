package dev.recado.channels.sandbox;

import dev.recado.channels.smpp.SimulatedSubmission;
import dev.recado.channels.smpp.SubmissionJournal;
import dev.recado.common.Db;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox carrier's store, in the database: each accepted part (written before the SMSC answers
 * the submit) and whether its receipt was acknowledged. Kept a week, as the virtual phone's history.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
class SandboxJournal implements SubmissionJournal {

    static final Duration KEEP = Duration.ofDays(7);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    SandboxJournal(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void accepted(SimulatedSubmission s) {
        jdbc.sql("""
                insert into sandbox_submissions (message_id, system_id, submission, received_at)
                values (:id, :system, :json, :at)""")
                .param("id", s.messageId()).param("system", s.systemId() == null ? "" : s.systemId())
                .param("json", JSON.writeValueAsString(s)).param("at", Db.ts(s.receivedAt())).update();
    }

    @Override
    public void receiptDelivered(String messageId) {
        jdbc.sql("update sandbox_submissions set receipt_at = :now where message_id = :id")
                .param("now", Db.ts(clock.instant())).param("id", messageId).update();
    }

    /** What was accepted within {@code limit} most recent parts, oldest first. */
    List<SimulatedSubmission> recent(int limit) {
        return jdbc.sql("""
                select submission from (select submission, received_at, message_id from sandbox_submissions
                 order by received_at desc, message_id desc limit :limit) recent order by received_at, message_id""")
                .param("limit", limit).query((rs, n) -> read(rs.getString(1))).list();
    }

    /** Accepted parts whose receipt was never acknowledged. */
    List<SimulatedSubmission> receiptsOwed() {
        return jdbc.sql("select submission from sandbox_submissions where receipt_at is null order by received_at")
                .query((rs, n) -> read(rs.getString(1))).list();
    }

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 600_000)
    void purge() {
        jdbc.sql("delete from sandbox_submissions where received_at < :cutoff")
                .param("cutoff", Db.ts(clock.instant().minus(KEEP))).update();
    }

    private static SimulatedSubmission read(String json) {
        return JSON.readValue(json, SimulatedSubmission.class);
    }
}
