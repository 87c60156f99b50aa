package dev.recado.contacts.internal;

import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.common.RecadoProperties;
import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactsImported;
import dev.recado.contacts.ImportOptions;
import dev.recado.workspace.Workspace;
import dev.recado.workspace.WorkspaceManagement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs imports one at a time: parse and validate the next batch while the previous one is being
 * written, so phone parsing and the database share the two cores instead of taking turns.
 */
@Component
public class ImportRunner {

    static final int BATCH = 2000;
    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ImportRepository imports;
    private final ImportBatch batches;
    private final ContactRepository contacts;
    private final WorkspaceManagement workspaces;
    private final ApplicationEventPublisher events;
    private final RecadoProperties properties;
    private final Clock clock;
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("import-", 0).factory());
    /** Batches written at once: PostgreSQL works on each on its own core (see {@link OrderedImportWriter}). */
    static final int WRITERS = 2;
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS,
            Thread.ofPlatform().name("import-write-", 0).factory());
    private final ExecutorService parsing = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("import-parse-", 0).factory());

    ImportRunner(ImportRepository imports, ImportBatch batches, ContactRepository contacts,
            WorkspaceManagement workspaces, ApplicationEventPublisher events, RecadoProperties properties, Clock clock) {
        this.imports = imports;
        this.batches = batches;
        this.contacts = contacts;
        this.workspaces = workspaces;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        jobs.shutdownNow();
        parsing.shutdownNow();
        writers.shutdownNow();
    }

    public static ImportOptions validate(ImportOptions o) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, String> mapping = o.mapping() == null ? Map.of() : o.mapping();
        mapping.forEach((header, field) -> {
            if (!ImportColumns.isKnownTarget(field)) {
                problems.add(new FieldProblem("mapping." + header, "must be phone, email, first_name, last_name, "
                        + "language, timezone, tags, attributes.<name> or ignore"));
            }
        });
        if (o.fileName() != null && (o.fileName().length() > 300 || o.fileName().chars().anyMatch(Character::isISOControl))) {
            problems.add(new FieldProblem("file_name", "must be at most 300 characters, without control characters"));
        }
        if (o.consentEvidence() != null && o.consentEvidence().length() > 2000) {
            problems.add(new FieldProblem("consent_evidence", "must be at most 2000 characters"));
        }
        if (o.encoding() != null) {
            try {
                CsvSource.charset(Path.of("."), o.encoding());
            } catch (IllegalArgumentException | IOException e) {
                problems.add(new FieldProblem("encoding", "must be utf-8 or latin-1"));
            }
        }
        if (o.delimiter() != null && ",;\t|".indexOf(o.delimiter()) < 0) {
            problems.add(new FieldProblem("delimiter", "must be , ; | or a tab"));
        }
        if (o.consentChannel() != null && o.consentPurpose() == null) {
            problems.add(new FieldProblem("consent_purpose", "is required with consent_channel"));
        }
        if (o.consentChannel() != null && (o.consentEvidence() == null || o.consentEvidence().isBlank())) {
            problems.add(new FieldProblem("consent_evidence", "is required with consent_channel: say how these people opted in"));
        }
        List<String> tags = new ArrayList<>();
        for (String tag : o.tags() == null ? List.<String>of() : o.tags()) {
            String t = tag.strip().toLowerCase(java.util.Locale.ROOT);
            if (!t.isEmpty()) {
                if (!t.matches("[\\p{L}\\p{N}_:\\- ]{1,64}")) {
                    problems.add(new FieldProblem("tags", "\"" + tag + "\" is not a valid tag"));
                }
                tags.add(t);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return new ImportOptions(o.fileName() == null ? "import.csv" : o.fileName(), o.encoding(), o.delimiter(),
                mapping, tags, o.consentChannel(), o.consentPurpose(), o.consentEvidence(), o.updateExisting());
    }

    public static String toJson(ImportOptions options) {
        return JSON.writeValueAsString(options);
    }

    public Path fileOf(long importId) {
        return properties.dataDir().resolve("imports").resolve("imp-" + importId + ".csv");
    }

    public void submit(long importId) {
        jobs.submit(() -> runSafely(importId));
    }

    /** Imports that were running when the process stopped continue after their last committed batch. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeInterrupted() {
        imports.running().forEach(job -> submit(job.id()));
    }

    private void runSafely(long importId) {
        var job = imports.running().stream().filter(j -> j.id() == importId).findFirst().orElse(null);
        if (job == null) {
            return;
        }
        try {
            run(job);
        } catch (RuntimeException | IOException e) {
            log.warn("Import {} failed: {}", importId, e.toString());
            String reason = e instanceof UncheckedIOException || e instanceof IOException
                    ? "The file could not be read as CSV: " + rootMessage(e) : "Import stopped: " + rootMessage(e);
            fail(job, reason);
        }
    }

    /** Ends an import as failed with its reason and removes its spooled file. */
    private void fail(ImportRepository.Job job, String reason) {
        imports.finish(job.id(), "failed", reason, clock.instant());
        try {
            Files.deleteIfExists(fileOf(job.id()));
        } catch (IOException e) {
            log.warn("Import {}: could not delete its spooled file: {}", job.id(), e.toString());
        }
        publish(job, "failed");
    }

    private void run(ImportRepository.Job job) throws IOException {
        Path file = fileOf(job.id());
        if (!Files.exists(file)) {
            imports.finish(job.id(), "failed", "The uploaded file is gone (data directory changed?)", clock.instant());
            return;
        }
        ImportOptions options = JSON.readValue(job.optionsJson(), ImportOptions.class);
        Workspace ws = workspaces.require(job.workspaceId());
        var definitions = new AttributeDefinitions(contacts.attributeTypes(ws.id()));
        var validator = new ContactValidator(ws.defaultCountry(), ws.timezone(), definitions);
        var charset = CsvSource.charset(file, options.encoding());
        char delimiter = CsvSource.delimiter(file, charset, options.delimiter());
        try (var reader = CsvSource.reader(file, charset); var parser = CsvSource.parser(reader, delimiter)) {
            String badHeaders = CsvSource.checkHeaders(parser.getHeaderNames());
            if (badHeaders != null) {
                fail(job, "The file's header line cannot be imported: " + badHeaders);
                return;
            }
            List<String> targets = ImportColumns.resolve(parser.getHeaderNames(), options.mapping());
            if (!targets.contains("phone") && !targets.contains("email")) {
                fail(job, "No phone or email column; the headers are " + parser.getHeaderNames());
                return;
            }
            Iterator<CSVRecord> records = parser.iterator();
            long skipped = 0;
            while (skipped < job.rowsRead() && records.hasNext()) {
                records.next();
                skipped++;
            }
            long rowsRead = job.rowsRead();
            var writer = new OrderedImportWriter(writers, contacts.takesParallelImports() ? WRITERS : 1);
            CompletableFuture<List<ImportBatch.Row>> next = CompletableFuture.supplyAsync(
                    () -> readBatch(records, targets, validator), parsing);
            try {
                while (true) {
                    List<ImportBatch.Row> rows = next.join();
                    if (rows.isEmpty()) {
                        break;
                    }
                    next = CompletableFuture.supplyAsync(() -> readBatch(records, targets, validator), parsing);
                    rowsRead += rows.size();
                    writer.submit(batchWrite(ws, job.id(), options, rows, rowsRead, definitions));
                }
            } finally {
                writer.finish();
            }
            imports.refreshStatistics(rowsRead - job.rowsRead());
        }
        imports.finish(job.id(), "completed", null, clock.instant());
        Files.deleteIfExists(file);
        publish(job, "completed");
    }

    private OrderedImportWriter.Write batchWrite(Workspace ws, long importId, ImportOptions options,
            List<ImportBatch.Row> rows, long rowsReadAfter, AttributeDefinitions definitions) {
        return new OrderedImportWriter.Write() {
            private Map<String, AttributeType> newAttributes = Map.of();

            @Override
            public void run(boolean alone, Runnable awaitTurn) {
                newAttributes = definitions.drainAdded();
                batches.write(ws.id(), importId, options, ws.defaultLanguage(), ws.timezone(), ws.defaultCountry(),
                        rows, rowsReadAfter, newAttributes, alone, awaitTurn);
            }

            @Override
            public void rolledBack() {
                definitions.restore(newAttributes);
            }
        };
    }

    /** Reads up to one batch; a row the parser cannot read (broken quoting) ends the file as a rejection. */
    private List<ImportBatch.Row> readBatch(Iterator<CSVRecord> records, List<String> targets,
            ContactValidator validator) {
        List<ImportBatch.Row> rows = new ArrayList<>(BATCH);
        try {
            while (rows.size() < BATCH && records.hasNext()) {
                CSVRecord record = records.next();
                long line = record.getRecordNumber() + 1;
                rows.add(record.stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0)
                        ? new ImportBatch.Row(line, null, "contains a NUL character (a binary file, or UTF-16 without"
                                + " a byte order mark?)")
                        : ImportBatch.validate(line, toInput(record, targets), validator));
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            long line = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).line() + 1;
            rows.add(new ImportBatch.Row(line, null, "unreadable CSV from here on (" + rootMessage(e)
                    + "); check the quoting"));
            while (true) {
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    records.next();
                } catch (RuntimeException ignored) {
                    break;
                }
            }
        }
        return rows;
    }

    private static ContactInput toInput(CSVRecord record, List<String> targets) {
        String phone = null;
        String email = null;
        String first = null;
        String last = null;
        String language = null;
        String timezone = null;
        List<String> tags = null;
        Map<String, Object> attributes = null;
        int columns = Math.min(record.size(), targets.size());
        for (int i = 0; i < columns; i++) {
            String value = record.get(i);
            if (value == null || value.isEmpty()) {
                continue;
            }
            String target = targets.get(i);
            switch (target) {
                case "phone" -> phone = value;
                case "email" -> email = value;
                case "first_name" -> first = value;
                case "last_name" -> last = value;
                case "language" -> language = value;
                case "timezone" -> timezone = value;
                case "tags" -> tags = Arrays.stream(value.split("[|,]")).map(String::strip).filter(t -> !t.isEmpty()).toList();
                case ImportColumns.IGNORE -> {
                }
                default -> {
                    if (attributes == null) {
                        attributes = new LinkedHashMap<>();
                    }
                    attributes.put(target.substring("attributes.".length()), value);
                }
            }
        }
        return new ContactInput(phone, email, first, last, language, timezone, tags, attributes);
    }

    private void publish(ImportRepository.Job job, String status) {
        imports.find(job.workspaceId(), job.id()).ifPresent(s -> events.publishEvent(new ContactsImported(
                job.workspaceId(), job.id(), status, s.created(), s.updated(), s.rejected())));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
