package dev.recado.contacts.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recado.common.ApiException;
import dev.recado.common.Caller;
import dev.recado.common.PublicId;
import dev.recado.consent.Channel;
import dev.recado.consent.Purpose;
import dev.recado.contacts.ContactImports;
import dev.recado.contacts.ImportOptions;
import dev.recado.contacts.ImportRejection;
import dev.recado.contacts.ImportStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /v1/contacts/imports} takes the CSV as the body ({@code text/csv}) or as the
 * {@code file} part of a form; options come as query or form fields in both cases.
 */
@RestController
@RequestMapping("/v1/contacts/imports")
class ImportController {

    static final String PREFIX = "imp_";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImportResponse(String id, String status, String fileName, long rowsRead, long created, long updated,
            long rejected, List<ImportRejection> errors, String failure, Instant createdAt, Instant finishedAt) {

        static ImportResponse of(ImportStatus s) {
            return new ImportResponse(PublicId.of(PREFIX, s.id()), s.status(), s.fileName(), s.rowsRead(),
                    s.created(), s.updated(), s.rejected(), s.errors(), s.failure(), s.createdAt(), s.finishedAt());
        }
    }

    private final ContactImports imports;

    ImportController(ContactImports imports) {
        this.imports = imports;
    }

    @PostMapping(consumes = {"text/csv", "text/plain", "application/csv"})
    ResponseEntity<ImportResponse> fromBody(Caller caller, HttpServletRequest request,
            @RequestParam Map<String, String> params, @RequestParam(name = "map", required = false) List<String> map)
            throws IOException {
        return start(caller, request.getInputStream(), params, map, params.get("file_name"));
    }

    @PostMapping(consumes = "multipart/form-data")
    ResponseEntity<ImportResponse> fromForm(Caller caller, @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam Map<String, String> params, @RequestParam(name = "map", required = false) List<String> map)
            throws IOException {
        if (file == null) {
            throw ApiException.invalid("file", "a CSV file part named file is required");
        }
        try (InputStream in = file.getInputStream()) {
            return start(caller, in, params, map, file.getOriginalFilename());
        }
    }

    @GetMapping("/{id}")
    ImportResponse status(Caller caller, @PathVariable String id) {
        return ImportResponse.of(imports.status(caller.workspace(), PublicId.require(PREFIX, id, "Import")));
    }

    private ResponseEntity<ImportResponse> start(Caller caller, InputStream csv, Map<String, String> params,
            List<String> map, String fileName) {
        long ws = caller.workspace();
        long id = imports.start(ws, csv, options(params, map, fileName));
        var status = imports.status(ws, id);
        return ResponseEntity.accepted().header("Location", "/v1/contacts/imports/" + PublicId.of(PREFIX, id))
                .body(ImportResponse.of(status));
    }

    static ImportOptions options(Map<String, String> params, List<String> map, String fileName) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String pair : map == null ? List.<String>of() : map) {
            int colon = pair.lastIndexOf(':');
            if (colon <= 0) {
                throw ApiException.invalid("map", "each map entry is header:field, e.g. Móvil:phone");
            }
            mapping.put(pair.substring(0, colon), pair.substring(colon + 1));
        }
        String delimiter = params.get("delimiter");
        if (delimiter != null && delimiter.length() != 1 && !"tab".equals(delimiter)) {
            throw ApiException.invalid("delimiter", "must be one character: , ; | or tab");
        }
        Channel channel = params.get("consent_channel") == null ? null
                : dev.recado.common.WireEnum.require(Channel.class, params.get("consent_channel"), "consent_channel");
        Purpose purpose = params.get("consent_purpose") == null ? null
                : dev.recado.common.WireEnum.require(Purpose.class, params.get("consent_purpose"), "consent_purpose");
        List<String> tags = params.get("tags") == null ? List.of() : Arrays.asList(params.get("tags").split(","));
        String update = params.getOrDefault("update_existing", "true");
        if (!update.equals("true") && !update.equals("false")) {
            throw ApiException.invalid("update_existing", "must be true or false");
        }
        return new ImportOptions(fileName, params.get("encoding"),
                delimiter == null ? null : "tab".equals(delimiter) ? '\t' : delimiter.charAt(0), mapping, tags,
                channel, purpose, params.get("consent_evidence"), Boolean.parseBoolean(update));
    }
}
