package dev.recado.contacts.internal;

import dev.recado.common.PublicId;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactFilter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;

/**
 * Streams a workspace's contacts as CSV a page at a time (keyset on id), so exporting a million
 * contacts holds one page in memory. The columns read back through the importer unchanged.
 */
@Component
public class CsvExport {

    private static final int PAGE = 1000;
    private final ContactRepository contacts;

    CsvExport(ContactRepository contacts) {
        this.contacts = contacts;
    }

    public void write(long workspaceId, ContactFilter filter, OutputStream out) throws IOException {
        List<String> attributes = contacts.attributeTypes(workspaceId).keySet().stream().sorted().toList();
        List<String> header = new ArrayList<>(List.of("id", "phone", "email", "first_name", "last_name", "language",
                "timezone", "country", "tags", "created_at"));
        attributes.forEach(a -> header.add("attributes." + a));
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
        long before = Long.MAX_VALUE;
        while (true) {
            List<Contact> page = contacts.list(workspaceId, filter, before, PAGE);
            for (Contact c : page) {
                List<Object> row = new ArrayList<>(List.of(PublicId.of("ct_", c.id()), nz(c.phone()), nz(c.email()),
                        nz(c.firstName()), nz(c.lastName()), nz(c.language()), nz(c.timezone()), nz(c.country()),
                        String.join("|", c.tags()), c.createdAt().toString()));
                attributes.forEach(a -> row.add(c.attributes().get(a) == null ? "" : c.attributes().get(a).toString()));
                printer.printRecord(row);
            }
            printer.flush();
            if (page.size() < PAGE) {
                break;
            }
            before = page.get(page.size() - 1).id();
        }
        printer.flush();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
