package dev.recado.contacts;

import dev.recado.common.ApiException;
import dev.recado.consent.ConsentManagement;
import dev.recado.consent.ConsentSource;
import dev.recado.consent.ConsentStatus;
import dev.recado.consent.NewConsent;
import dev.recado.consent.Purpose;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;

/**
 * CSV imports of contacts.
 *
 * <p>Stand-in written on the console branch so the console compiles and can be tried: it works
 * synchronously and keeps statuses in memory. The real implementation (streamed to disk, run in
 * the background, persisted in {@code contact_imports}) replaces this file on merge; the public
 * signatures here are exactly the agreed ones.
 */
@Service
public class ContactImports {

    private record Entry(long workspaceId, ImportStatus status) {
    }

    /** Header spellings we recognise, so a spreadsheet exported in Spanish needs no mapping. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("phone", "phone"), Map.entry("telefono", "phone"), Map.entry("teléfono", "phone"),
            Map.entry("mobile", "phone"), Map.entry("movil", "phone"), Map.entry("móvil", "phone"),
            Map.entry("email", "email"), Map.entry("correo", "email"), Map.entry("e_mail", "email"),
            Map.entry("first_name", "first_name"), Map.entry("nombre", "first_name"),
            Map.entry("last_name", "last_name"), Map.entry("apellidos", "last_name"),
            Map.entry("language", "language"), Map.entry("idioma", "language"),
            Map.entry("timezone", "timezone"), Map.entry("tags", "tags"), Map.entry("etiquetas", "tags"));

    private final ContactManagement contacts;
    private final ConsentManagement consent;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Entry> imports = new ConcurrentHashMap<>();

    ContactImports(ContactManagement contacts, ConsentManagement consent, Clock clock) {
        this.contacts = contacts;
        this.consent = consent;
        this.clock = clock;
    }

    public long start(long workspaceId, InputStream csv, ImportOptions options) {
        long id = ids.incrementAndGet();
        Instant started = clock.instant();
        ImportStatus status;
        try {
            status = run(id, workspaceId, csv, options, started);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            status = new ImportStatus(id, "failed", options.fileName(), 0, 0, 0, 0, List.of(),
                    "The file could not be read as CSV: " + e.getMessage(), started, clock.instant());
        }
        imports.put(id, new Entry(workspaceId, status));
        return id;
    }

    public ImportStatus status(long workspaceId, long importId) {
        Entry entry = imports.get(importId);
        if (entry == null || entry.workspaceId() != workspaceId) {
            throw ApiException.notFound("Import");
        }
        return entry.status();
    }

    private ImportStatus run(long id, long workspaceId, InputStream csv, ImportOptions options, Instant started)
            throws IOException {
        Charset charset = options.encoding() == null ? StandardCharsets.UTF_8 : Charset.forName(options.encoding());
        String text = new String(csv.readAllBytes(), charset);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        char delimiter = options.delimiter() != null ? options.delimiter() : guessDelimiter(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        long rows = 0;
        long created = 0;
        long updated = 0;
        List<ImportRejection> rejections = new ArrayList<>();
        List<Long> imported = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Map<String, String> fields = fields(parser.getHeaderNames(), options.mapping());
            for (CSVRecord record : parser) {
                rows++;
                long line = record.getRecordNumber() + 1; // as a spreadsheet numbers it: the header is row 1
                try {
                    var saved = contacts.create(workspaceId, input(record, fields, options.tags()),
                            options.updateExisting());
                    imported.add(saved.contact().id());
                    if (saved.created()) {
                        created++;
                    } else {
                        updated++;
                    }
                } catch (ApiException e) {
                    rejections.add(new ImportRejection(line, reason(e)));
                }
            }
        }
        if (options.consentChannel() != null && !imported.isEmpty()) {
            Purpose purpose = options.consentPurpose() == null ? Purpose.MARKETING : options.consentPurpose();
            consent.recordForAll(workspaceId, imported, new NewConsent(options.consentChannel(), purpose,
                    ConsentStatus.OPTED_IN, ConsentSource.IMPORT, options.consentEvidence(), "import", null));
        }
        return new ImportStatus(id, "completed", options.fileName(), rows, created, updated, rejections.size(),
                List.copyOf(rejections), null, started, clock.instant());
    }

    private static char guessDelimiter(String text) {
        String firstLine = text.lines().findFirst().orElse("");
        long semicolons = firstLine.chars().filter(c -> c == ';').count();
        long commas = firstLine.chars().filter(c -> c == ',').count();
        long tabs = firstLine.chars().filter(c -> c == '\t').count();
        return tabs > commas && tabs > semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }

    /** Header -> contact field; unknown headers are left out of this simple import. */
    private static Map<String, String> fields(List<String> headers, Map<String, String> mapping) {
        Map<String, String> fields = new HashMap<>();
        for (String header : headers) {
            String explicit = mapping == null ? null : mapping.get(header);
            String normalized = header.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
            String field = explicit != null ? explicit : ALIASES.get(normalized);
            if (field != null) {
                fields.put(header, field);
            }
        }
        return fields;
    }

    private static ContactInput input(CSVRecord record, Map<String, String> fields, List<String> extraTags) {
        Map<String, String> values = new HashMap<>();
        fields.forEach((header, field) -> {
            String value = record.isSet(header) ? record.get(header) : null;
            if (value != null && !value.isBlank()) {
                values.put(field, value);
            }
        });
        var tags = new LinkedHashSet<String>();
        if (values.containsKey("tags")) {
            Arrays.stream(values.get("tags").split("[,;|]")).map(String::strip).filter(t -> !t.isEmpty())
                    .forEach(tags::add);
        }
        if (extraTags != null) {
            tags.addAll(extraTags);
        }
        return new ContactInput(values.get("phone"), values.get("email"), values.get("first_name"),
                values.get("last_name"), values.get("language"), values.get("timezone"),
                tags.isEmpty() ? null : List.copyOf(tags), null);
    }

    private static String reason(ApiException e) {
        if (e.errors().isEmpty()) {
            return e.getMessage();
        }
        return String.join("; ", e.errors().stream().map(p -> p.field() + ": " + p.message()).toList());
    }
}
