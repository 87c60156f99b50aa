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
 * Opens a spooled CSV the way a spreadsheet user expects: UTF-8 (with or without BOM) or, when the
 * bytes are not valid UTF-8, Windows-1252 (what Excel in Spain saves); comma, semicolon or tab,
 * whichever the header line uses.
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
        return isUtf8(file) ? StandardCharsets.UTF_8 : LATIN;
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
                .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_EMPTY)
                .get()
                .parse(reader);
    }

    /** "Teléfono móvil" and "telefono_movil" are the same header. */
    static String slug(String header) {
        String plain = Normalizer.normalize(header, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "_").replaceAll("^_+|_+$", "");
    }
}
