package dev.recado.messaging.internal;

import dev.recado.common.Db;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Received files by content ({@code media_files}, {@code media_chunks}): in the database so every
 * node serves what any node downloaded, in 1 MiB chunks so neither a write nor a read holds the
 * whole file. A file already stored under its digest is not stored again.
 */
@Repository
class MediaFiles {

    static final int CHUNK = 1 << 20;

    record Stored(String sha256, long size, String mimeType) {
    }

    /** An inbound message's file: {@code pending}, {@code stored} (with its digest) or {@code failed} (with why). */
    record InboundFile(String state, String error, String sha256, String mimeType, Long size) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    MediaFiles(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Stores the downloaded file under its (already verified) digest. A file already stored is
     * touched instead: its {@code created_at} is when it was last stored, so retention
     * ({@link MediaPruner}) does not delete a file a new message just received.
     */
    void store(Path file, String sha256, String mimeType, Instant now) throws IOException {
        if (jdbc.sql("update media_files set created_at = :now where sha256 = :s").param("now", Db.ts(now))
                .param("s", sha256).update() == 1) {
            return;
        }
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            tx.executeWithoutResult(status -> {
                try {
                    byte[] buffer = new byte[CHUNK];
                    int n = 0;
                    int read;
                    while ((read = in.readNBytes(buffer, 0, CHUNK)) > 0) {
                        byte[] chunk = read == CHUNK ? buffer : java.util.Arrays.copyOf(buffer, read);
                        jdbc.sql("insert into media_chunks (sha256, chunk_no, bytes) values (:s, :n, :b)")
                                .param("s", sha256).param("n", n++).param("b", chunk).update();
                    }
                    jdbc.sql("insert into media_files (sha256, size_bytes, mime_type, created_at) values (:s, :size, :m, :now)")
                            .param("s", sha256).param("size", size).param("m", mimeType).param("now", Db.ts(now)).update();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (DuplicateKeyException sameFileMeanwhile) {
            // another node stored the same content first: what it stored is the same bytes
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    Optional<Stored> find(String sha256) {
        return jdbc.sql("select sha256, size_bytes, mime_type from media_files where sha256 = :s").param("s", sha256)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getLong(2), rs.getString(3))).optional();
    }

    /** Writes the file out chunk by chunk, each read on its own. */
    void copy(String sha256, OutputStream out) throws IOException {
        int chunks = jdbc.sql("select count(*) from media_chunks where sha256 = :s").param("s", sha256)
                .query(Integer.class).single();
        for (int n = 0; n < chunks; n++) {
            byte[] bytes = jdbc.sql("select bytes from media_chunks where sha256 = :s and chunk_no = :n")
                    .param("s", sha256).param("n", n).query(byte[].class).single();
            out.write(bytes);
        }
    }

    Optional<InboundFile> inbound(long messageId) {
        return jdbc.sql("select state, error, sha256, mime_type, size_bytes from inbound_media where message_id = :id")
                .param("id", messageId)
                .query((rs, n) -> new InboundFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Db.nullableLong(rs, "size_bytes")))
                .optional();
    }
}
