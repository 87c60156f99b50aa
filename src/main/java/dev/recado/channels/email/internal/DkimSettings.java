package dev.recado.channels.email.internal;

import dev.recado.common.FieldProblem;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;
import org.eclipse.angus.mail.util.CRLFOutputStream;

/**
 * A sender's DKIM key (RFC 6376): {@code dkim_domain} (the d= tag), {@code dkim_selector} (s=) and
 * {@code dkim_private_key} (PEM: RSA, PKCS#8 or PKCS#1, or Ed25519, PKCS#8; a secret). All three
 * or none. The public half is derived from the private key, so the TXT record to publish can
 * always be shown without storing anything else.
 */
public record DkimSettings(String domain, String selector, DkimKey key) {

    public static final Set<String> NAMES = Set.of("dkim_domain", "dkim_selector", "dkim_private_key");
    /**
     * What a receiver must be able to trust, plus the headers a forger would add: one listed but
     * absent (List-Unsubscribe on a transactional email) is signed as absent, so adding it breaks
     * the signature.
     */
    static final List<String> SIGNED_HEADERS = List.of("from", "to", "subject", "date", "message-id", "mime-version",
            "content-type", "reply-to", "list-unsubscribe", "list-unsubscribe-post");
    private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

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
                DkimKey.parse(pem);
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
                ((String) settings.get("dkim_selector")).strip(), DkimKey.parse(settings.get("dkim_private_key")));
    }

    /**
     * What the API shows of a signing sender: domain, selector, the DNS name and the TXT record to
     * publish there, and whether its signature can pass DMARC for its From address (a warning when
     * it cannot). Empty when it does not sign or its settings are not valid.
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
        view.put("algorithm", dkim.key.algorithm().tag());
        view.put("dns_name", dkim.selector + "._domainkey." + dkim.domain);
        view.put("dns_record", dkim.key.dnsRecord());
        if (settings.get("from_address") instanceof String from && from.contains("@")) {
            DmarcAlignment alignment = DmarcAlignment.of(dkim.domain, from);
            view.put("dmarc_alignment", alignment.value());
            if (alignment == DmarcAlignment.NONE) {
                view.put("dmarc_warning", "The DKIM domain " + dkim.domain + " is not the domain of the From address "
                        + from.strip() + " nor shares its organisational domain, so this signature cannot pass DMARC:"
                        + " receivers enforcing DMARC (p=quarantine or p=reject) will junk or reject the mail unless"
                        + " SPF aligns.");
            }
        }
        return Map.of("dkim", view);
    }

    /** The signature template: relaxed canonicalisation survives the re-folding relays do. */
    String template(List<String> headers) {
        return "v=1; a=" + key.algorithm().tag() + "; c=relaxed/relaxed; d=" + domain + "; s=" + selector
                + "; t=; h=" + String.join(":", headers) + ";";
    }

    private DKIMSigner signer() {
        String template = template(SIGNED_HEADERS);
        return switch (key.algorithm()) {
            case RSA -> new DKIMSigner(template, key.key());
            case ED25519 -> new Ed25519DkimSigner(template + " bh=; b=", key.key());
        };
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
            header = signer().sign(new ByteArrayInputStream(bytes.toByteArray()));
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
