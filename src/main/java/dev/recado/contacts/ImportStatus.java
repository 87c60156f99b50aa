package dev.recado.contacts;

import java.time.Instant;
import java.util.List;

/** Where an import stands; {@code status} is running, completed or failed. */
public record ImportStatus(long id, String status, String fileName, long rowsRead, long created, long updated,
        long rejected, List<ImportRejection> errors, String failure, Instant createdAt, Instant finishedAt) {
}
