package dev.recado.contacts.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/**
 * Opens a spooled CSV the way a spreadsheet user expects: UTF-16 or UTF-32 when a byte order mark
 * says so, UTF-8 (with or without BOM) or, when the bytes are not valid UTF-8, Windows-1252 (what
 * Excel in Spain saves); comma, semicolon or tab, whichever the header line uses. Duplicate and
 * over-long headers are refused with a reason ({@link #checkHeaders}).
 */
final class CsvSource {

    static final Charset LATIN = Charset.forName("windows-1252");

    private CsvSource() {
    }

    static Charset charset(Path file, String requested) throws IOException {
        if (requested != null && !requested.isBlank()) {
            String name = requested.strip().toLowerCase(Locale.ROOT);
            return switch (name) {
                case "utf-8", "utf8" -> StandardCharsets.UTF_8;
                case "latin-1", "latin1", "iso-8859-1", "windows-1252", "cp1252" -> LATIN;
                default -> throw new IllegalArgumentException("encoding must be utf-8 or latin-1");
            };
        }
        Charset marked = byOrderMark(file);
        if (marked != null) {
            return marked;
        }
        return isUtf8(file) ? StandardCharsets.UTF_8 : LATIN;
    }

    /** UTF-16 and UTF-32 files (what some spreadsheets export as "Unicode text") carry a byte order mark. */
    static Charset byOrderMark(Path file) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        int b0 = n > 0 ? head[0] & 0xff : -1;
        int b1 = n > 1 ? head[1] & 0xff : -1;
        int b2 = n > 2 ? head[2] & 0xff : -1;
        int b3 = n > 3 ? head[3] & 0xff : -1;
        if (b0 == 0x00 && b1 == 0x00 && b2 == 0xFE && b3 == 0xFF) {
            return Charset.forName("UTF-32BE");
        }
        if (b0 == 0xFF && b1 == 0xFE && b2 == 0x00 && b3 == 0x00) {
            return Charset.forName("UTF-32LE");
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    private static boolean isUtf8(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        CharBuffer out = CharBuffer.allocate(64 * 1024);
        try (InputStream stream = Files.newInputStream(file)) {
            int n;
            while ((n = stream.read(in.array(), in.position(), in.remaining())) >= 0) {
                in.position(in.position() + n);
                in.flip();
                var result = decoder.decode(in, out, false);
                if (result.isError()) {
                    return false;
                }
                in.compact();
                out.clear();
            }
            in.flip();
            return !decoder.decode(in, out, true).isError() && !decoder.flush(out).isError();
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A reader for the records; the caller closes it. A REPLACE decoder so bad bytes show as U+FFFD in a row. */
    static Reader reader(Path file, Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        var reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 256 * 1024);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    static char delimiter(Path file, Charset charset, Character requested) throws IOException {
        if (requested != null) {
            return requested;
        }
        try (var reader = reader(file, charset); var lines = new BufferedReader(reader)) {
            String header = lines.readLine();
            if (header == null) {
                return ',';
            }
            int commas = count(header, ',');
            int semicolons = count(header, ';');
            int tabs = count(header, '\t');
            return tabs > commas && tabs > semicolons ? '\t' : semicolons > commas ? ';' : ',';
        }
    }

    private static int count(String line, char c) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == c && !quoted) {
                n++;
            }
        }
        return n;
    }

    static CSVParser parser(Reader reader, char delimiter) throws IOException {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setAllowMissingColumnNames(true)
                // duplicates are allowed here so checkHeaders can name them in the import's failure
                .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
                .get()
                .parse(reader);
    }

    static final int MAX_HEADER = 1000;

    /** Why these headers cannot be imported, or null: a header over 1,000 characters or one used twice. */
    static String checkHeaders(java.util.List<String> headers) {
        var seen = new java.util.HashSet<String>();
        for (String header : headers) {
            if (header == null || header.isBlank()) {
                continue;
            }
            if (header.length() > MAX_HEADER) {
                return "a column header is longer than " + MAX_HEADER + " characters; is the first line a header?";
            }
            if (header.indexOf('\0') >= 0) {
                return "a column header contains a NUL character; is the file text (and its encoding right)?";
            }
            if (!seen.add(slug(header))) {
                return "the column header \"" + header.strip() + "\" appears twice";
            }
        }
        return null;
    }

    /** "Teléfono móvil" and "telefono_movil" are the same header. */
    static String slug(String header) {
        String plain = Normalizer.normalize(header, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "_").replaceAll("^_+|_+$", "");
    }
}
