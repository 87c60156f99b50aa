package dev.recado.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * DKIM: a sender with a key signs what it sends through a real SMTP server (GreenMail), and the
 * received message verifies against the TXT record the API told us to publish (RSA with jDKIM's
 * verifier, Ed25519 with the tests' own); the same message with its body or a signed header
 * changed does not. The sender's view says whether the signature can pass DMARC.
 */
@RecadoTest
class EmailDkimApiTest {

    @RegisterExtension
    static GreenMailExtension smtp = EmailSenders.greenMail(ServerSetupTest.SMTP);
    static KeyPair keys;
    static KeyPair bigKeys;
    static KeyPair edKeys;
    static KeyPair ed448;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;

    @BeforeAll
    static void makeKeys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        keys = rsa.generateKeyPair();
        rsa.initialize(4096);
        bigKeys = rsa.generateKeyPair();
        edKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
    }

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Email DKIM " + System.nanoTime());
    }

    @Test
    void aSignedMarketingEmailVerifiesAndATamperedCopyDoesNot() throws Exception {
        String sender = EmailSenders.connected(api, key, senderJson(pem("PRIVATE KEY", keys.getPrivate().getEncoded())));
        var shown = api.get("/v1/senders/" + sender, key);
        String publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        assertThat(shown.json().get("dkim").get("domain").asString()).isEqualTo("tienda.example");
        assertThat(shown.json().get("dkim").get("selector").asString()).isEqualTo("rec2026");
        assertThat(shown.json().get("dkim").get("dns_name").asString()).isEqualTo("rec2026._domainkey.tienda.example");
        String record = shown.json().get("dkim").get("dns_record").asString();
        assertThat(record).isEqualTo("v=DKIM1; k=rsa; p=" + publicKey);
        assertThat(shown.json().get("dkim").get("algorithm").asString()).isEqualTo("rsa-sha256");
        assertThat(shown.json().get("dkim").get("dmarc_alignment").asString()).isEqualTo("strict");
        assertThat(shown.json().get("dkim").has("dmarc_warning")).isFalse();
        String privateBase64 = Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()).substring(0, 40);
        assertThat(shown.body()).doesNotContain(privateBase64).doesNotContain("PRIVATE KEY");
        assertThat(shown.json().has("derived")).isFalse();
        String stored = jdbc.sql("select settings from senders where id = :id")
                .param("id", Long.parseLong(sender.substring(4), 36)).query(String.class).single();
        assertThat(stored).doesNotContain(privateBase64).contains("rec2026");

        String raw = sentMarketingEmail("ana");
        DKIMVerifier verifier = new DKIMVerifier(publishedOnly("rec2026", "tienda.example", record));
        List<SignatureRecord> verified = verifier.verify(stream(raw));
        assertThat(verified).hasSize(1);
        SignatureRecord signature = verified.get(0);
        assertThat(signature.getDToken().toString()).isEqualTo("tienda.example");
        assertThat(signature.getHeaders()).map(h -> h.toString().toLowerCase()).contains("from", "to", "subject",
                "date", "message-id", "mime-version", "content-type", "list-unsubscribe", "list-unsubscribe-post");
        assertThat(raw).contains("List-Unsubscribe: <mailto:");

        String tamperedBody = raw.replace("Todo al -20%", "Todo al -90%");
        assertThat(tamperedBody).isNotEqualTo(raw);
        assertThatThrownBy(() -> new DKIMVerifier(publishedOnly("rec2026", "tienda.example", record))
                .verify(stream(tamperedBody))).isInstanceOf(PermFailException.class);
        String tamperedSubject = raw.replaceFirst("(?m)^Subject: .*$", "Subject: Rebajas falsas");
        assertThat(tamperedSubject).isNotEqualTo(raw);
        assertThatThrownBy(() -> new DKIMVerifier(publishedOnly("rec2026", "tienda.example", record))
                .verify(stream(tamperedSubject))).isInstanceOf(PermFailException.class);
    }

    @Test
    void aTraditionalRsaKeyIsTakenAndATransactionalEmailCannotGainAnUnsubscribeHeader() throws Exception {
        // "BEGIN RSA PRIVATE KEY" (PKCS#1) is what opendkim-genkey and older openssl write; 4096 bits
        byte[] pkcs8 = bigKeys.getPrivate().getEncoded();
        // PKCS#8 wraps it: SEQUENCE, version, rsaEncryption, then an OCTET STRING holding PKCS#1 (26 bytes in, at this size)
        byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        String sender = EmailSenders.connected(api, key, senderJson(pem("RSA PRIVATE KEY", pkcs1)));
        String record = api.get("/v1/senders/" + sender, key).json().get("dkim").get("dns_record").asString();
        String to = "leo" + System.nanoTime() + "@cliente.example";
        var sent = api.post("/v1/messages", key, """
                {"to":"%s","channel":"email","subject":"Tu pedido","body":"Llega mañana"}""".formatted(to));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + sent.text("id"), key).text("status")).isEqualTo("sent"));

        String raw = raw(EmailSenders.receivedBy(smtp, to));
        assertThat(record).endsWith(Base64.getEncoder().encodeToString(bigKeys.getPublic().getEncoded()));
        assertThat(raw.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
        assertThat(new DKIMVerifier(publishedOnly("rec2026", "tienda.example", record)).verify(stream(raw))).hasSize(1);
        // the header is signed as absent, so a relay that adds one breaks the signature
        String added = raw.replaceFirst("(?m)^Subject: ", "List-Unsubscribe: <https://evil.example/u>\r\nSubject: ");
        assertThatThrownBy(() -> new DKIMVerifier(publishedOnly("rec2026", "tienda.example", record))
                .verify(stream(added))).isInstanceOf(PermFailException.class);
    }

    @Test
    void anEd25519SignedEmailVerifiesAgainstItsRecordAndATamperedCopyDoesNot() throws Exception {
        String sender = EmailSenders.connected(api, key, senderJson(pem("PRIVATE KEY", edKeys.getPrivate().getEncoded())));
        var dkim = api.get("/v1/senders/" + sender, key).json().get("dkim");
        byte[] spki = edKeys.getPublic().getEncoded();
        // RFC 8463 4: the record carries the bare 32-byte key, not the SubjectPublicKeyInfo around it
        String raw32 = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        String record = dkim.get("dns_record").asString();
        assertThat(record).isEqualTo("v=DKIM1; k=ed25519; p=" + raw32);
        assertThat(dkim.get("algorithm").asString()).isEqualTo("ed25519-sha256");

        String raw = sentMarketingEmail("eva");
        assertThat(raw).contains("a=ed25519-sha256").contains("List-Unsubscribe: <mailto:");
        assertThat(raw.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
        assertThat(Ed25519DkimCheck.verifies(raw, record)).isTrue();
        String tamperedBody = raw.replace("Todo al -20%", "Todo al -90%");
        assertThat(tamperedBody).isNotEqualTo(raw);
        assertThat(Ed25519DkimCheck.verifies(tamperedBody, record)).isFalse();
        String tamperedSubject = raw.replaceFirst("(?m)^Subject: .*$", "Subject: Rebajas falsas");
        assertThat(Ed25519DkimCheck.verifies(tamperedSubject, record)).isFalse();
        String tamperedUnsubscribe = raw.replaceFirst("(?m)^List-Unsubscribe: <mailto:[^>]*>", "List-Unsubscribe: <https://evil.example/u>");
        assertThat(tamperedUnsubscribe).isNotEqualTo(raw);
        assertThat(Ed25519DkimCheck.verifies(tamperedUnsubscribe, record)).isFalse();
    }

    @Test
    void aSignatureThatCannotAlignWithTheFromDomainIsWarnedAboutNotRefused() throws Exception {
        String pem = pem("PRIVATE KEY", edKeys.getPrivate().getEncoded());
        var relaxed = api.post("/v1/senders", key, senderJson(pem, "correo.tienda.example"));
        assertThat(relaxed.status()).as(relaxed.body()).isEqualTo(201);
        assertThat(relaxed.json().get("dkim").get("dmarc_alignment").asString()).isEqualTo("relaxed");
        assertThat(relaxed.json().get("dkim").has("dmarc_warning")).isFalse();

        var none = api.post("/v1/senders", key, senderJson(pem, "envios.esp-correo.net"));
        assertThat(none.status()).as(none.body()).isEqualTo(201);
        var dkim = api.get("/v1/senders/" + none.text("id"), key).json().get("dkim");
        assertThat(dkim.get("dmarc_alignment").asString()).isEqualTo("none");
        assertThat(dkim.get("dmarc_warning").asString()).contains("envios.esp-correo.net")
                .contains("news@tienda.example").contains("cannot pass DMARC").contains("reject");
        assertThat(none.body()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void badDkimSettingsAreNamedAndNothingIsStored() throws Exception {
        for (var body : List.of(
                Map.of("dkim_private_key", "not a key", "field", "dkim_private_key"),
                Map.of("dkim_private_key", pem("PRIVATE KEY", ed448.getPrivate().getEncoded()), "field", "dkim_private_key"),
                Map.of("dkim_private_key", pem("PRIVATE KEY", new byte[] {1, 2, 3}), "field", "dkim_private_key"),
                Map.of("dkim_private_key", pem("PUBLIC KEY", keys.getPublic().getEncoded()), "field", "dkim_private_key"))) {
            var bad = api.post("/v1/senders", key, senderJson(body.get("dkim_private_key")));
            assertThat(bad.status()).as(bad.body()).isEqualTo(422);
            assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
            assertThat(bad.json().get("errors").findValuesAsString("field")).containsExactly(body.get("field"));
        }
        var partial = api.post("/v1/senders", key, """
                {"channel":"email","name":"Half","smtp_host":"smtp.example.com","from_address":"hola@tienda.example",
                 "dkim_domain":"tienda..example","dkim_selector":"rec2026"}""");
        assertThat(partial.status()).isEqualTo(422);
        assertThat(partial.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("dkim_domain",
                "dkim_private_key");
        assertThat(api.get("/v1/senders", key).json().get("data")).isEmpty();

        // an update is checked the same way, and a sender without a key shows no dkim
        var plain = api.post("/v1/senders", key, """
                {"channel":"email","name":"Plain","smtp_host":"smtp.example.com","from_address":"hola@tienda.example"}""");
        assertThat(plain.status()).isEqualTo(201);
        assertThat(plain.json().has("dkim")).isFalse();
        var badUpdate = api.patch("/v1/senders/" + plain.text("id"), key, ApiClient.JSON.writeValueAsString(Map.of(
                "dkim_domain", "tienda.example", "dkim_selector", "s1", "dkim_private_key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")));
        assertThat(badUpdate.status()).isEqualTo(422);
        assertThat(badUpdate.json().get("errors").findValuesAsString("field")).containsExactly("dkim_private_key");
        var update = api.patch("/v1/senders/" + plain.text("id"), key, ApiClient.JSON.writeValueAsString(Map.of(
                "dkim_domain", "tienda.example", "dkim_selector", "s1",
                "dkim_private_key", pem("PRIVATE KEY", keys.getPrivate().getEncoded()))));
        assertThat(update.status()).as(update.body()).isEqualTo(200);
        assertThat(update.json().get("dkim").get("dns_name").asString()).isEqualTo("s1._domainkey.tienda.example");
        assertThat(update.body()).doesNotContain("PRIVATE KEY");
    }

    /** A marketing email to a new opted-in contact, through the workspace's sender, as GreenMail received it. */
    private String sentMarketingEmail(String name) throws Exception {
        String to = name + System.nanoTime() + "@cliente.example";
        String contact = api.post("/v1/contacts", key, "{\"email\":\"" + to + "\"}").text("id");
        assertThat(api.post("/v1/contacts/" + contact + "/consents", key, """
                {"channel":"email","purpose":"marketing","status":"opted_in","source":"import","evidence":"Imported list"}""")
                .status()).isEqualTo(201);
        var sent = api.post("/v1/messages", key, """
                {"to":"%s","channel":"email","purpose":"marketing","subject":"Rebajas de invierno ❄",
                 "html":"<p>Todo al -20%%</p>","body":"Todo al -20%%"}""".formatted(to));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("/v1/messages/" + sent.text("id"), key).text("status")).isEqualTo("sent"));
        return raw(EmailSenders.receivedBy(smtp, to));
    }

    private String senderJson(String privateKeyPem) throws Exception {
        return senderJson(privateKeyPem, "tienda.example");
    }

    private String senderJson(String privateKeyPem, String dkimDomain) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", "email");
        body.put("name", "Tienda firmada");
        body.put("smtp_host", "127.0.0.1");
        body.put("smtp_port", smtp.getSmtp().getPort());
        body.put("tls", "none");
        body.put("username", "tienda");
        body.put("password", "s3cret-pw");
        body.put("from_address", "news@tienda.example");
        body.put("dkim_domain", dkimDomain);
        body.put("dkim_selector", "rec2026");
        body.put("dkim_private_key", privateKeyPem);
        return ApiClient.JSON.writeValueAsString(body);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The one DNS answer a receiver would get: our TXT record at selector._domainkey.domain. */
    private static PublicKeyRecordRetriever publishedOnly(String selector, String domain, String record) {
        return (method, s, d) -> selector.contentEquals(s) && domain.contentEquals(d) ? List.of(record) : List.of();
    }

    private static String raw(MimeMessage received) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        received.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ByteArrayInputStream stream(String raw) {
        return new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8));
    }
}
