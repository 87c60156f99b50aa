package dev.recado.channels.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An {@code ed25519-sha256} DKIM verifier written for the tests from RFC 6376 (3.4 relaxed
 * canonicalisation, 3.5 tags, 3.7 hashes) and RFC 8463, sharing no code with the signer, which
 * leans on jDKIM: jDKIM's own verifier knows RSA only. It proves itself on the RFC's example.
 */
public final class Ed25519DkimCheck {

    /** SubjectPublicKeyInfo of an Ed25519 key up to the key: the record's p= is the 32 bytes after it. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519DkimCheck() {
    }

    /** Whether the message's first ed25519-sha256 signature verifies against the TXT record given. */
    public static boolean verifies(String message, String dnsRecord) throws GeneralSecurityException {
        String raw = message.replaceAll("(?<!\r)\n", "\r\n");
        int split = raw.indexOf("\r\n\r\n");
        List<String> fields = fields(raw.substring(0, split + 2));
        String signature = fields.stream().filter(f -> name(f).equals("dkim-signature"))
                .filter(f -> tags(f).get("a").equals("ed25519-sha256")).findFirst().orElseThrow();
        Map<String, String> tags = tags(signature);
        MessageDigest body = MessageDigest.getInstance("SHA-256");
        byte[] bodyHash = body.digest(relaxedBody(raw.substring(split + 4)).getBytes(StandardCharsets.UTF_8));
        if (!Base64.getEncoder().encodeToString(bodyHash).equals(tags.get("bh"))) {
            return false;
        }
        StringBuilder data = new StringBuilder();
        List<String> unused = new ArrayList<>(fields);
        for (String wanted : tags.get("h").split(":")) {
            String name = wanted.strip().toLowerCase(Locale.ROOT);
            // the last instance not signed yet (RFC 6376 5.4.2); none left signs as absent
            for (int i = unused.size() - 1; i >= 0; i--) {
                if (name(unused.get(i)).equals(name)) {
                    data.append(relaxedHeader(unused.remove(i))).append("\r\n");
                    break;
                }
            }
        }
        data.append(relaxedHeader(signature.replaceFirst("(?<=[;\\s:])b=[^;]*", "b=")));
        byte[] headerHash = MessageDigest.getInstance("SHA-256").digest(data.toString().getBytes(StandardCharsets.UTF_8));
        String p = dnsRecord.replaceAll(".*p=", "").strip();
        byte[] key = Base64.getDecoder().decode(p);
        byte[] x509 = new byte[X509_PREFIX.length + key.length];
        System.arraycopy(X509_PREFIX, 0, x509, 0, X509_PREFIX.length);
        System.arraycopy(key, 0, x509, X509_PREFIX.length, key.length);
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509)));
        ed25519.update(headerHash);
        return ed25519.verify(Base64.getDecoder().decode(tags.get("b")));
    }

    /** Each header field with its folds, without its final CRLF. */
    private static List<String> fields(String headers) {
        List<String> fields = new ArrayList<>();
        for (String line : headers.split("\r\n")) {
            if (!fields.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
                fields.set(fields.size() - 1, fields.getLast() + "\r\n" + line);
            } else {
                fields.add(line);
            }
        }
        return fields;
    }

    private static String name(String field) {
        return field.substring(0, field.indexOf(':')).strip().toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> tags(String field) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : field.substring(field.indexOf(':') + 1).split(";")) {
            int eq = tag.indexOf('=');
            if (eq > 0) {
                String value = tag.substring(eq + 1).replaceAll("\\s+", " ").strip();
                String key = tag.substring(0, eq).strip();
                tags.put(key, key.equals("b") || key.equals("bh") ? value.replace(" ", "") : value);
            }
        }
        return tags;
    }

    private static String relaxedHeader(String field) {
        int colon = field.indexOf(':');
        String value = field.substring(colon + 1).replace("\r\n", "").replaceAll("[ \t]+", " ").strip();
        return name(field) + ":" + value;
    }

    private static String relaxedBody(String body) {
        StringBuilder out = new StringBuilder();
        for (String line : body.split("\r\n", -1)) {
            out.append(line.replaceAll("[ \t]+", " ").replaceAll(" $", "")).append("\r\n");
        }
        String canonical = out.toString().replaceAll("(\r\n)+$", "");
        return canonical.isEmpty() ? "" : canonical + "\r\n";
    }
}
