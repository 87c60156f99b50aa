package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.common.PollingWorker;
import dev.recado.common.PublicId;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.InboundMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a stored inbound message still owes its provider ({@code inbound_tasks}), worked on every
 * node through the sender's open adapter: {@code media} downloads the file (stored by content, the
 * message's media then pointing at it), {@code read} marks the message read. A task is claimed by
 * moving its {@code due_at} past a lease; a failure moves it to a growing delay, and after
 * {@link #MAX_ATTEMPTS} it is dropped (a file then marked failed, the message keeping its reference).
 */
@Component
class InboundTasks extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(InboundTasks.class);
    static final int MAX_ATTEMPTS = 8;
    private static final Duration LEASE = Duration.ofMinutes(5);

    record Task(long id, long senderId, long messageId, String kind, String ref, int attempts) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SenderRuntime runtime;
    private final MediaFiles files;
    private final Clock clock;
    private final String baseUrl;

    InboundTasks(JdbcClient jdbc, TransactionTemplate tx, SenderRuntime runtime, MediaFiles files, Clock clock,
            dev.recado.common.RecadoProperties properties) {
        // phase 300: after the senders (200), whose adapters it uses
        super("inbound-tasks", Duration.ofSeconds(1), 300);
        this.jdbc = jdbc;
        this.tx = tx;
        this.runtime = runtime;
        this.files = files;
        this.clock = clock;
        this.baseUrl = properties.baseUrl() == null ? "" : properties.baseUrl().replaceAll("/+$", "");
    }

    /** In the transaction that stores the inbound message. */
    static void add(JdbcClient jdbc, long senderId, long messageId, String kind, String ref, Instant now) {
        jdbc.sql("insert into inbound_tasks (sender_id, message_id, kind, ref, due_at) values (:s, :m, :k, :r, :now)")
                .param("s", senderId).param("m", messageId).param("k", kind).param("r", ref).param("now", Db.ts(now))
                .update();
        if (kind.equals("media")) {
            jdbc.sql("""
                    insert into inbound_media (message_id, provider_media_id, state, updated_at)
                    values (:m, :r, 'pending', :now)""")
                    .param("m", messageId).param("r", ref).param("now", Db.ts(now)).update();
        }
    }

    @Override
    protected boolean pass() {
        List<Task> tasks = claim(clock.instant(), 20);
        tasks.forEach(this::run);
        return !tasks.isEmpty();
    }

    @Override
    protected void failed(RuntimeException e) {
        log.warn("Inbound tasks: a pass hit an error; continuing", e);
    }

    private List<Task> claim(Instant now, int limit) {
        List<Task> due = jdbc.sql("""
                select id, sender_id, message_id, kind, ref, attempts, due_at from inbound_tasks
                 where due_at <= :now order by due_at limit :limit""")
                .param("now", Db.ts(now)).param("limit", limit)
                .query((rs, n) -> new Task(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6)))
                .list();
        List<Task> mine = new ArrayList<>();
        for (Task t : due) {
            // the lease: whoever moves due_at first owns the task until it passes
            int won = jdbc.sql("""
                    update inbound_tasks set due_at = :lease, attempts = attempts + 1
                     where id = :id and attempts = :attempts and due_at <= :now""")
                    .param("lease", Db.ts(now.plus(LEASE))).param("id", t.id()).param("attempts", t.attempts())
                    .param("now", Db.ts(now)).update();
            if (won == 1) {
                mine.add(new Task(t.id(), t.senderId(), t.messageId(), t.kind(), t.ref(), t.attempts() + 1));
            }
        }
        return mine;
    }

    private void run(Task task) {
        var adapter = runtime.adapter(task.senderId());
        if (adapter.isEmpty()) {
            retryOrDrop(task, "the sender is not running");
            return;
        }
        try {
            if (task.kind().equals("read")) {
                String from = jdbc.sql("select from_address from messages where id = :id").param("id", task.messageId())
                        .query(String.class).optional().orElse(null);
                adapter.get().markRead(task.ref(), from);
                done(task);
            } else {
                download(task, adapter.get());
            }
        } catch (InboundMedia.Refused refused) {
            log.warn("Inbound message {}: media {} refused: {}", task.messageId(), task.ref(), refused.getMessage());
            tx.executeWithoutResult(s -> {
                mediaState(task.messageId(), "failed", refused.getMessage());
                done(task);
            });
        } catch (IOException | RuntimeException e) {
            retryOrDrop(task, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Into a temporary file first: only a whole file whose digest matched is stored. */
    private void download(Task task, ChannelAdapter adapter) throws IOException, InterruptedException {
        Path tmp = Files.createTempFile("recado-media-", ".part");
        try {
            InboundMedia media = adapter.fetchMedia(task.ref(), tmp);
            Instant now = clock.instant();
            files.store(tmp, media.sha256(), media.mimeType(), now);
            String url = baseUrl + "/v1/messages/" + PublicId.of("msg_", task.messageId()) + "/media";
            tx.executeWithoutResult(s -> {
                jdbc.sql("select content from messages where id = :id").param("id", task.messageId()).query(String.class)
                        .optional().ifPresent(json -> {
                            if (MessageStore.JSON.readValue(json, Content.class) instanceof Content.Media m) {
                                var stored = new Content.Media(m.mediaKind(), url, m.caption(), m.id(), media.mimeType(),
                                        media.size(), media.sha256(), m.filename());
                                jdbc.sql("update messages set content = :c where id = :id")
                                        .param("c", MessageStore.JSON.writeValueAsString(stored)).param("id", task.messageId())
                                        .update();
                            }
                        });
                jdbc.sql("""
                        update inbound_media set state = 'stored', sha256 = :sha, mime_type = :mime, size_bytes = :size,
                               error = null, updated_at = :now where message_id = :id""")
                        .param("sha", media.sha256()).param("mime", media.mimeType()).param("size", media.size())
                        .param("now", Db.ts(now)).param("id", task.messageId()).update();
                done(task);
            });
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void done(Task task) {
        jdbc.sql("delete from inbound_tasks where id = :id").param("id", task.id()).update();
    }

    private void retryOrDrop(Task task, String error) {
        String text = error.length() > 500 ? error.substring(0, 500) : error;
        if (task.attempts() >= MAX_ATTEMPTS) {
            log.warn("Inbound message {}: {} {} given up after {} attempts: {}", task.messageId(), task.kind(), task.ref(),
                    task.attempts(), text);
            tx.executeWithoutResult(s -> {
                if (task.kind().equals("media")) {
                    mediaState(task.messageId(), "failed", text);
                }
                done(task);
            });
            return;
        }
        Duration delay = Duration.ofSeconds(Math.min(3600, 1L << Math.min(task.attempts(), 12)));
        jdbc.sql("update inbound_tasks set due_at = :next, last_error = :e where id = :id")
                .param("next", Db.ts(clock.instant().plus(delay))).param("e", text).param("id", task.id()).update();
    }

    private void mediaState(long messageId, String state, String error) {
        jdbc.sql("update inbound_media set state = :state, error = :e, updated_at = :now where message_id = :id")
                .param("state", state).param("e", error.length() > 500 ? error.substring(0, 500) : error)
                .param("now", Db.ts(clock.instant())).param("id", messageId).update();
    }
}
