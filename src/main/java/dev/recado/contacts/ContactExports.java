package dev.recado.contacts;

import dev.recado.contacts.internal.CsvExport;
import java.io.IOException;
import java.io.OutputStream;
import org.springframework.stereotype.Service;

/** Contacts as CSV for people (the console's export button), the same file the API exports. */
@Service
public class ContactExports {

    private final CsvExport csv;

    ContactExports(CsvExport csv) {
        this.csv = csv;
    }

    /** Every contact the filter matches, newest first, one column per attribute the workspace uses. */
    public void csv(long workspaceId, ContactFilter filter, OutputStream out) throws IOException {
        csv.write(workspaceId, filter, out);
    }
}
