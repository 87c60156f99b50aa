package dev.recado.channels.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.channels.email.Ed25519DkimCheck;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.Test;

/**
 * Ed25519 DKIM (RFC 8463) against the RFC's own example (Appendix A): its key, its message, its
 * signature. Ed25519 is deterministic, so signing the same headers with the same tags must give the
 * very b= the RFC prints; and the test verifier, which shares nothing with the signer, must accept
 * the RFC's signed message before it is trusted to judge ours.
 */
class Ed25519DkimSignerTest {

    /** RFC 8463 A.2: the private key as its 32-byte seed, and the public key as published. */
    private static final String SEED = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
    private static final String PUBLIC = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    private static final String RECORD = "v=DKIM1; k=ed25519; p=" + PUBLIC;
    /** RFC 8463 A.3: the ed25519-sha256 signature of the example message. */
    private static final String RFC_SIGNATURE = """
            DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;
             d=football.example.com; i=@football.example.com;
             q=dns/txt; s=brisbane; t=1528637909; h=from : to :
             subject : date : message-id : from : subject : date;
             bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;
             b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus
             Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==
            """;
    /** RFC 8463 A.3: the example message, unsigned. */
    private static final String MESSAGE = """
            From: Joe SixPack <joe@football.example.com>
            To: Suzie Q <suzie@shopping.example.net>
            Subject: Is dinner ready?
            Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)
            Message-ID: <20030712040037.46341.5F8J@football.example.com>

            Hi.

            We lost the game.  Are you hungry yet?

            Joe.
            """;
    private static final String RFC_TEMPLATE = "v=1; a=ed25519-sha256; c=relaxed/relaxed; d=football.example.com;"
            + " i=@football.example.com; q=dns/txt; s=brisbane; t=1528637909;"
            + " h=from : to : subject : date : message-id : from : subject : date; bh=; b=";

    @Test
    void theRfcKeyReadsAsEd25519AndItsRecordCarriesTheRawPublicKey() {
        DkimKey key = DkimKey.parse(rfcKeyPem());
        assertThat(key.algorithm()).isEqualTo(DkimKey.Algorithm.ED25519);
        assertThat(key.publicKey()).isEqualTo(PUBLIC);
        assertThat(key.dnsRecord()).isEqualTo(RECORD);
        assertThat(key.toString()).doesNotContain(SEED);
    }

    @Test
    void signingTheRfcMessageGivesTheRfcSignature() throws Exception {
        String header = new Ed25519DkimSigner(RFC_TEMPLATE, DkimKey.parse(rfcKeyPem()).key()).sign(stream(crlf(MESSAGE)));
        Map<String, String> ours = tags(header);
        Map<String, String> rfc = tags(RFC_SIGNATURE);
        assertThat(ours.get("bh")).isEqualTo(rfc.get("bh"));
        assertThat(ours.get("b")).isEqualTo(rfc.get("b"));
        assertThat(Base64.getDecoder().decode(ours.get("b"))).hasSize(64);
    }

    @Test
    void theTestVerifierAcceptsTheRfcMessageAndNothingTamperedWith() throws Exception {
        String signed = crlf(RFC_SIGNATURE + MESSAGE);
        assertThat(Ed25519DkimCheck.verifies(signed, RECORD)).isTrue();
        assertThat(Ed25519DkimCheck.verifies(signed.replace("We lost", "We won"), RECORD)).isFalse();
        assertThat(Ed25519DkimCheck.verifies(signed.replace("Is dinner ready?", "Is lunch ready?"), RECORD)).isFalse();
        // over-signed: a second Subject, even below the first, breaks it
        assertThat(Ed25519DkimCheck.verifies(signed.replace("\r\n\r\nHi.", "\r\nSubject: Free money\r\n\r\nHi."),
                RECORD)).isFalse();
        byte[] other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        String otherKey = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(other, 12, 44));
        assertThat(Ed25519DkimCheck.verifies(signed, "v=DKIM1; k=ed25519; p=" + otherKey)).isFalse();
    }

    @Test
    void aSenderComposedEmailSignedWithEd25519VerifiesAndTamperingDoesNot() throws Exception {
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        DkimSettings dkim = new DkimSettings("tienda.example", "ed2026", DkimKey.parse(pem(pair.getPrivate().getEncoded())));
        assertThat(dkim.key().publicKey()).isEqualTo(Base64.getEncoder().encodeToString(
                java.util.Arrays.copyOfRange(pair.getPublic().getEncoded(), 12, 44)));
        Session session = Session.getInstance(new Properties());
        MimeMessage composed = new MimeMessage(session);
        composed.setFrom(new InternetAddress("news@tienda.example", "Tienda"));
        composed.setRecipients(MimeMessage.RecipientType.TO, "ana@cliente.example");
        composed.setSubject("Rebajas ❄", "UTF-8");
        composed.setSentDate(new java.util.Date());
        composed.setHeader("List-Unsubscribe", "<mailto:baja@tienda.example?subject=unsubscribe>");
        composed.setText("Todo al -20%\n\n", "UTF-8");
        composed.saveChanges();

        String raw = raw(dkim.sign(session, composed));
        String record = dkim.key().dnsRecord();
        assertThat(raw).startsWith("DKIM-Signature: v=1;\r\n\ta=ed25519-sha256;\r\n\tc=relaxed/relaxed;");
        assertThat(tags(raw.substring(0, raw.indexOf("\r\n\r\n"))).get("h"))
                .isEqualTo(String.join(":", DkimSettings.SIGNED_HEADERS));
        assertThat(Ed25519DkimCheck.verifies(raw, record)).isTrue();
        assertThat(Ed25519DkimCheck.verifies(raw.replace("Todo al -20%", "Todo al -90%"), record)).isFalse();
        assertThat(Ed25519DkimCheck.verifies(raw.replaceFirst("(?m)^Subject: .*$", "Subject: Rebajas falsas"), record))
                .isFalse();
        assertThat(Ed25519DkimCheck.verifies(raw.replaceFirst("(?m)^List-Unsubscribe: .*$",
                "List-Unsubscribe: <https://evil.example/u>"), record)).isFalse();
    }

    @Test
    void rsaStaysWithJdkimsOwnSignerAndTheSameCanonicalHeaders() throws Exception {
        var rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        DkimSettings dkim = new DkimSettings("tienda.example", "rsa2026",
                DkimKey.parse(pem(rsa.generateKeyPair().getPrivate().getEncoded())));
        assertThat(dkim.key().algorithm()).isEqualTo(DkimKey.Algorithm.RSA);
        assertThat(dkim.template(List.of("from"))).contains("a=rsa-sha256");
        assertThat(dkim.key().dnsRecord()).startsWith("v=DKIM1; k=rsa; p=MII");
        // the body hash both signers compute is jDKIM's one body canonicalisation
        String rsaHeader = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=football.example.com; s=test;"
                + " t=1528637909; h=from : to;", dkim.key().key()).sign(stream(crlf(MESSAGE)));
        assertThat(tags(rsaHeader).get("bh")).isEqualTo(tags(RFC_SIGNATURE).get("bh"));
    }

    private static String rfcKeyPem() {
        // PKCS#8 of an Ed25519 key is a fixed 16-byte header and the 32-byte seed (RFC 8410 7)
        byte[] header = HexFormat.of().parseHex("302e020100300506032b657004220420");
        byte[] seed = Base64.getDecoder().decode(SEED);
        byte[] der = new byte[header.length + seed.length];
        System.arraycopy(header, 0, der, 0, header.length);
        System.arraycopy(seed, 0, der, header.length, seed.length);
        return pem(der);
    }

    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static Map<String, String> tags(String header) {
        Map<String, String> tags = new LinkedHashMap<>();
        Matcher tag = Pattern.compile("(?:^|;)\\s*([a-z]+)=([^;]*)").matcher(header.replaceFirst("^DKIM-Signature:", ""));
        while (tag.find()) {
            tags.putIfAbsent(tag.group(1), tag.group(2).replaceAll("\\s+", ""));
        }
        return tags;
    }

    private static String crlf(String text) {
        return text.replace("\n", "\r\n");
    }

    private static ByteArrayInputStream stream(String raw) {
        return new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
