package dev.recado.channels.email.internal;

import dev.recado.common.FieldProblem;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;
import org.eclipse.angus.mail.util.CRLFOutputStream;

/**
 * A sender's DKIM key (RFC 6376): {@code dkim_domain} (the d= tag), {@code dkim_selector} (s=) and
 * {@code dkim_private_key} (PEM, PKCS#8 or PKCS#1; a secret). All three or none. The public half
 * is derived from the private key, so the TXT record to publish can always be shown without
 * storing anything else.
 */
public record DkimSettings(String domain, String selector, RSAPrivateCrtKey key) {

    public static final Set<String> NAMES = Set.of("dkim_domain", "dkim_selector", "dkim_private_key");
    /**
     * What a receiver must be able to trust, plus the headers a forger would add: one listed but
     * absent (List-Unsubscribe on a transactional email) is signed as absent, so adding it breaks
     * the signature.
     */
    static final List<String> SIGNED_HEADERS = List.of("from", "to", "subject", "date", "message-id", "mime-version",
            "content-type", "reply-to", "list-unsubscribe", "list-unsubscribe-post");
    /** RFC 8301: signers must not use keys below 1024 bits; longer than 4096 no DNS host takes. */
    private static final int MIN_BITS = 1024;
    private static final int MAX_BITS = 4096;
    private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    /** The AlgorithmIdentifier of rsaEncryption, to wrap a PKCS#1 key into PKCS#8 for the JDK. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    static void validate(Map<String, Object> settings, List<FieldProblem> problems) {
        if (NAMES.stream().noneMatch(settings::containsKey)) {
            return;
        }
        String domain = EmailSettings.text(settings, "dkim_domain", 253, problems);
        if (domain != null && !domain.matches(LABEL + "(\\." + LABEL + ")+")) {
            problems.add(new FieldProblem("dkim_domain", "must be a domain name such as example.com"));
        }
        String selector = EmailSettings.text(settings, "dkim_selector", 63, problems);
        if (selector != null && !selector.matches(LABEL + "(\\." + LABEL + ")*")) {
            problems.add(new FieldProblem("dkim_selector", "must be a DNS label such as recado2026"));
        }
        Object pem = settings.get("dkim_private_key");
        if (pem != null) {
            try {
                parse(pem);
            } catch (IllegalArgumentException bad) {
                problems.add(new FieldProblem("dkim_private_key", bad.getMessage()));
            }
        }
        for (String name : List.of("dkim_domain", "dkim_selector", "dkim_private_key")) {
            if (settings.get(name) == null) {
                problems.add(new FieldProblem(name, "is required with the other dkim settings"));
            }
        }
    }

    /** Null when the sender does not sign; settings passed {@link #validate}. */
    static DkimSettings from(Map<String, Object> settings) {
        if (settings.get("dkim_private_key") == null) {
            return null;
        }
        return new DkimSettings(((String) settings.get("dkim_domain")).strip().toLowerCase(java.util.Locale.ROOT),
                ((String) settings.get("dkim_selector")).strip(), parse(settings.get("dkim_private_key")));
    }

    /**
     * What the API shows of a signing sender: domain, selector, the DNS name and the TXT record to
     * publish there. Empty when it does not sign or its settings are not valid.
     */
    public static Map<String, Object> published(Map<String, Object> settings) {
        List<FieldProblem> problems = new java.util.ArrayList<>();
        validate(settings, problems);
        DkimSettings dkim = problems.isEmpty() ? from(settings) : null;
        if (dkim == null) {
            return Map.of();
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("domain", dkim.domain);
        view.put("selector", dkim.selector);
        view.put("dns_name", dkim.selector + "._domainkey." + dkim.domain);
        view.put("dns_record", dkim.dnsRecord());
        return Map.of("dkim", view);
    }

    /** The TXT record of the public key, as {@code v=DKIM1; k=rsa; p=...}. */
    public String dnsRecord() {
        try {
            var publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has RSA", e);
        }
    }

    /** The signature template: relaxed canonicalisation survives the re-folding relays do. */
    String template(List<String> headers) {
        return "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector + "; t=; h="
                + String.join(":", headers) + ";";
    }

    /** Reads a PEM RSA private key; the message of the exception says what is wrong, for the API. */
    static RSAPrivateCrtKey parse(Object value) {
        if (!(value instanceof String text) || text.length() > 16_000) {
            throw new IllegalArgumentException("must be a PEM private key (-----BEGIN PRIVATE KEY-----...)");
        }
        Matcher pem = PEM.matcher(text.strip());
        if (!pem.matches()) {
            throw new IllegalArgumentException("must be a PEM private key (-----BEGIN PRIVATE KEY-----...)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.group(2));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("must be a PEM private key whose body is base64");
        }
        byte[] pkcs8 = switch (pem.group(1)) {
            case "PRIVATE KEY" -> der;
            case "RSA PRIVATE KEY" -> pkcs8(der);
            case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
                    "must not be encrypted with a passphrase (it is stored encrypted already)");
            default -> throw new IllegalArgumentException("must be a private key, not " + pem.group(1).toLowerCase());
        };
        try {
            if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)) instanceof RSAPrivateCrtKey rsa) {
                int bits = rsa.getModulus().bitLength();
                if (bits < MIN_BITS || bits > MAX_BITS) {
                    throw new IllegalArgumentException("must be an RSA key of 1024 to 4096 bits (2048 is usual), not " + bits);
                }
                return rsa;
            }
        } catch (GeneralSecurityException notRsa) {
            if (isEd25519(pkcs8)) {
                throw new IllegalArgumentException(
                        "is an Ed25519 key: the signing library signs rsa-sha256 only, give an RSA key");
            }
        }
        throw new IllegalArgumentException("must be an RSA private key");
    }

    private static boolean isEd25519(byte[] pkcs8) {
        try {
            KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** PrivateKeyInfo {version 0, rsaEncryption, OCTET STRING pkcs1} (RFC 5208), as DER. */
    private static byte[] pkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(der(0x04, pkcs1));
        return der(0x30, body.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (content.length < 0x80) {
            out.write(content.length);
        } else {
            byte[] length = BigInteger.valueOf(content.length).toByteArray();
            int skip = length[0] == 0 ? 1 : 0;
            out.write(0x80 | (length.length - skip));
            out.write(length, skip, length.length - skip);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /**
     * The message as it goes on the wire, with its DKIM-Signature first (RFC 6376 3.5). The bytes
     * signed are the bytes sent: the composed message is written out once (with the CRLF line ends
     * SMTP gives it) and the signed copy is parsed from them, so Jakarta Mail never re-encodes it.
     */
    MimeMessage sign(Session session, MimeMessage composed) throws MessagingException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var crlf = new CRLFOutputStream(bytes)) {
            composed.writeTo(crlf);
        }
        String header;
        try {
            header = new DKIMSigner(template(SIGNED_HEADERS), key).sign(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (FailException e) {
            throw new MessagingException("DKIM signing failed: " + e.getMessage(), e);
        }
        // folded between tags: a 4096-bit key's one line would pass SMTP's 998; relaxed canonicalisation
        // reads ";CRLF TAB" as the "; " that was signed
        byte[] signed = (header.replace("; ", ";\r\n\t") + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return new MimeMessage(session, new SequenceInputStream(new ByteArrayInputStream(signed),
                new ByteArrayInputStream(bytes.toByteArray())));
    }
}
