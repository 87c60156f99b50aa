package dev.recado.contacts;

import dev.recado.common.ApiException;
import dev.recado.common.RecadoProperties;
import dev.recado.contacts.internal.ImportRepository;
import dev.recado.contacts.internal.ImportRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import org.springframework.stereotype.Service;

/**
 * CSV imports as background jobs. The upload is spooled to disk under the data directory first,
 * so the HTTP request ends at once and a restart resumes the job from its last committed batch.
 */
@Service
public class ContactImports {

    private final ImportRepository imports;
    private final ImportRunner runner;
    private final RecadoProperties properties;
    private final Clock clock;

    ContactImports(ImportRepository imports, ImportRunner runner, RecadoProperties properties, Clock clock) {
        this.imports = imports;
        this.runner = runner;
        this.properties = properties;
        this.clock = clock;
    }

    public long start(long workspaceId, InputStream csv, ImportOptions options) {
        ImportOptions valid = ImportRunner.validate(options);
        Path spool;
        try {
            Path dir = Files.createDirectories(properties.dataDir().resolve("imports"));
            spool = Files.createTempFile(dir, "upload-", ".csv");
            Files.copy(csv, spool, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not spool the import", e);
        }
        try {
            if (Files.size(spool) == 0) {
                Files.deleteIfExists(spool);
                throw ApiException.unprocessable("empty_file", "The CSV file is empty");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long id = imports.create(workspaceId, valid.fileName(), ImportRunner.toJson(valid), clock.instant());
        try {
            Files.move(spool, runner.fileOf(id), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runner.submit(id);
        return id;
    }

    public ImportStatus status(long workspaceId, long importId) {
        return imports.find(workspaceId, importId).orElseThrow(() -> ApiException.notFound("Import"));
    }
}
