package dev.recado.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@RecadoTest
class ContactImportTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Import " + System.nanoTime());
    }

    private JsonNode importAndWait(String query, String csv, Charset charset) {
        var started = api.postRaw("/v1/contacts/imports" + query, key, "text/csv", csv.getBytes(charset));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.text("id");
        assertThat(id).startsWith("imp_");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"running".equals(api.get("/v1/contacts/imports/" + id, key).text("status")));
        return api.get("/v1/contacts/imports/" + id, key).json();
    }

    @Test
    void aLargeImportLeavesItsTablesVacuumedAndAnalyzedForTheAudiencesCountedNext() {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.recado.support.TestDatabase.postgres(), "PostgreSQL statistics");
        StringBuilder csv = new StringBuilder("phone,first_name,tags\n");
        long base = 690_000_000L + (System.nanoTime() % 90_000) * 100;
        for (int i = 0; i < 10_000; i++) {
            csv.append('+').append(34_000_000_000L + base + i).append(",N").append(i).append(",big|t").append(i % 7).append('\n');
        }
        java.time.Instant before = java.time.Instant.now();
        JsonNode result = importAndWait("?consent_channel=sms&consent_purpose=marketing&consent_evidence=Feria",
                csv.toString(), StandardCharsets.UTF_8);
        assertThat(result.get("created").asLong()).as(result.toString()).isEqualTo(10_000);
        for (String table : new String[] {"contacts", "contact_tags", "consent_events", "consent_state"}) {
            var stats = jdbc.sql("select last_vacuum, last_analyze from pg_stat_user_tables where relname = :t")
                    .param("t", table).query((rs, n) -> new java.sql.Timestamp[] {rs.getTimestamp(1), rs.getTimestamp(2)})
                    .single();
            assertThat(stats[0]).as(table + " vacuumed").isNotNull();
            assertThat(stats[0].toInstant()).as(table + " vacuumed after the import began").isAfter(before);
            assertThat(stats[1].toInstant()).as(table + " analyzed after the import began").isAfter(before);
        }
    }

    @Test
    void latin1SemicolonFileWithSpanishHeadersAndConsentEvidence() {
        String csv = """
                Teléfono;Nombre;Correo;Etiquetas;Ciudad
                612 345 001;Íñigo;inigo@example.com;vip|clientes;Bilbao
                612345002;María;;clientes;Sevilla
                12;Nadie;;;
                ;Sin datos;;;
                +34 612 345 001;Íñigo Ruiz;;;Getxo
                """;
        JsonNode result = importAndWait("?consent_channel=sms&consent_purpose=marketing&consent_evidence=Formulario%20tienda%202026&tags=feria",
                csv, Charset.forName("windows-1252"));
        assertThat(result.get("status").asString()).isEqualTo("completed");
        assertThat(result.get("rows_read").asLong()).isEqualTo(5);
        assertThat(result.get("created").asLong()).isEqualTo(2);
        assertThat(result.get("updated").asLong()).isEqualTo(1);
        assertThat(result.get("rejected").asLong()).isEqualTo(2);
        assertThat(result.get("errors").get(0).get("row").asLong()).isEqualTo(4);
        assertThat(result.get("errors").get(0).get("reason").asString()).contains("phone");
        assertThat(result.get("errors").get(1).get("row").asLong()).isEqualTo(5);

        var inigo = api.get("/v1/contacts?q=inigo", key).json().get("data").get(0);
        assertThat(inigo.get("first_name").asString()).isEqualTo("Íñigo Ruiz");
        assertThat(inigo.get("phone").asString()).isEqualTo("+34612345001");
        assertThat(inigo.get("attributes").get("ciudad").asString()).isEqualTo("Getxo");
        assertThat(inigo.get("tags").toString()).contains("vip", "clientes", "feria");
        String id = inigo.get("id").asString();
        var canSend = api.get("/v1/contacts/" + id + "/can-send?channel=sms&purpose=marketing", key).json();
        assertThat(canSend.get("allowed").asBoolean()).isTrue();
        var history = api.get("/v1/contacts/" + id + "/consents", key).json().get("data").get(0);
        assertThat(history.get("source").asString()).isEqualTo("import");
        assertThat(history.get("evidence").asString()).isEqualTo("Formulario tienda 2026");
    }

    @Test
    void utf8WithBomCommaAndExistingContactsAreUpdated() {
        api.post("/v1/contacts", key, "{\"phone\":\"+34612345100\",\"first_name\":\"Old\"}");
        String csv = "\uFEFFphone,first_name,email,visits\n+34612345100,New,new@example.com,3\n+34612345101,\"Doe, Jane\",,7\n";
        JsonNode result = importAndWait("", csv, StandardCharsets.UTF_8);
        assertThat(result.get("created").asLong()).isEqualTo(1);
        assertThat(result.get("updated").asLong()).isEqualTo(1);
        var updated = api.get("/v1/contacts?q=new%40example", key).json().get("data").get(0);
        assertThat(updated.get("first_name").asString()).isEqualTo("New");
        assertThat(api.get("/v1/contacts?q=doe", key).json().get("data").get(0).get("first_name").asString()).isEqualTo("Doe, Jane");
    }

    @Test
    void brokenQuotingRejectsTheRestWithAReasonAndKeepsWholeRows() {
        String csv = "phone,first_name\n+34612345200,Ana\n+34612345201,\"Broken\n+34612345202,Luis\n";
        JsonNode result = importAndWait("", csv, StandardCharsets.UTF_8);
        assertThat(result.get("status").asString()).isEqualTo("completed");
        assertThat(result.get("created").asLong()).isEqualTo(1);
        assertThat(result.get("rejected").asLong()).isEqualTo(1);
        assertThat(result.get("errors").get(0).get("reason").asString()).contains("quoting");
        assertThat(api.get("/v1/contacts", key).json().get("data")).hasSize(1);
    }

    @Test
    void declaredUtf8ThatIsNotRejectsTheRowsThatAreUnreadable() {
        String csv = "phone;nombre\n612345300;José\n612345301;Ana\n";
        JsonNode result = importAndWait("?encoding=utf-8", csv, Charset.forName("windows-1252"));
        assertThat(result.get("created").asLong()).isEqualTo(1);
        assertThat(result.get("errors").get(0).get("reason").asString()).contains("encoding");
    }

    @Test
    void fileWithoutIdentityColumnFails() {
        JsonNode result = importAndWait("", "name,city\nAna,Madrid\n", StandardCharsets.UTF_8);
        assertThat(result.get("status").asString()).isEqualTo("failed");
        assertThat(result.get("failure").asString()).contains("No phone or email column");
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingIsStored() {
        var r = api.postRaw("/v1/contacts/imports?consent_channel=sms&consent_purpose=marketing", key, "text/csv",
                "phone\n+34612345400\n".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("consent_evidence");
        assertThat(api.postRaw("/v1/contacts/imports?consent_channel=fax", key, "text/csv", "phone\n1\n".getBytes()).status()).isEqualTo(422);
        assertThat(api.postRaw("/v1/contacts/imports?map=phone:nonsense", key, "text/csv", "phone\n1\n".getBytes()).status()).isEqualTo(422);
        assertThat(api.postRaw("/v1/contacts/imports", key, "text/csv", new byte[0]).status()).isEqualTo(422);
        assertThat(api.get("/v1/contacts/imports/imp_zz", key).status()).isEqualTo(404);
        assertThat(api.get("/v1/contacts", key).json().get("data")).isEmpty();
    }

    @Test
    void multipartUploadAndCsvExportRoundTrip() throws Exception {
        String boundary = "----recado" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clientes.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nmovil,nombre\n612345500,Carmen\n612345501,Pilar\n\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nnewsletter\r\n--" + boundary + "--\r\n";
        var started = api.postRaw("/v1/contacts/imports", key, "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.text("file_name")).isEqualTo("clientes.csv");
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(
                api.get("/v1/contacts/imports/" + started.text("id"), key).text("status")));

        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.url("/v1/contacts/export?tag=newsletter")))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(response.body().lines()).hasSize(3);
        assertThat(response.body()).contains("+34612345500", "Carmen", "newsletter");
    }

    /**
     * Batches are written side by side (two at a time). A phone that comes back in the next batch,
     * while the batch that created it has not committed, must end as a single writer would leave
     * it: one contact, the later row's name, counted once as created and once as updated.
     */
    @Test
    void rowsThatComeBackInTheNextBatchUpdateTheContactTheEarlierBatchCreated() {
        int batch = dev.recado.contacts.internal.ImportTestAccess.batchRows();
        long base = 34_600_000_000L + (System.nanoTime() % 900_000) * 100;
        StringBuilder csv = new StringBuilder("phone,first_name,tags\n");
        // batch 1: numbers 0..batch-1; batch 2: half new, half the last numbers of batch 1 renamed;
        // batch 3: numbers of batch 2 again and of batch 1's start, renamed once more
        for (int i = 0; i < batch; i++) {
            csv.append('+').append(base + i).append(",First").append(i).append(",one\n");
        }
        for (int i = 0; i < batch; i++) {
            long n = i % 2 == 0 ? base + batch + i : base + batch - 1 - i;
            csv.append('+').append(n).append(",Second").append(i).append(",two\n");
        }
        for (int i = 0; i < batch / 4; i++) {
            csv.append('+').append(base + batch + 2L * i).append(",Third").append(i).append(",three\n");
            csv.append('+').append(base + i).append(",Fourth").append(i).append(",three\n");
        }
        JsonNode result = importAndWait("?consent_channel=sms&consent_purpose=marketing&consent_evidence=Feria",
                csv.toString(), StandardCharsets.UTF_8);

        int rows = batch * 2 + batch / 2;
        int distinct = batch + batch / 2;
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("completed");
        assertThat(result.get("created").asLong()).as(result.toString()).isEqualTo(distinct);
        assertThat(result.get("updated").asLong()).isEqualTo(rows - distinct);
        assertThat(result.get("rows_read").asLong()).isEqualTo(rows);
        long ws = jdbc.sql("select workspace_id from contacts where phone = :p").param("p", "+" + base).query(Long.class).single();
        assertThat(jdbc.sql("select count(*) from contacts where workspace_id = :ws").param("ws", ws).query(Long.class).single())
                .isEqualTo(distinct);
        // the last row of the file for each number names it
        assertThat(name(ws, base)).isEqualTo("Fourth0");
        assertThat(name(ws, base + batch - 2)).isEqualTo("Second1");
        assertThat(name(ws, base + batch)).isEqualTo("Third0");
        assertThat(name(ws, base + batch + 2)).isEqualTo("Third1");
        assertThat(name(ws, base + batch + batch / 2)).isEqualTo("Second" + batch / 2);
        assertThat(name(ws, base + batch / 2 + 1)).isEqualTo("First" + (batch / 2 + 1));
        assertThat(jdbc.sql("select count(*) from consent_state s join contacts c on c.id = s.contact_id"
                + " where c.workspace_id = :ws and s.purpose = 'marketing'").param("ws", ws).query(Long.class).single())
                .as("one consent state per contact and channel").isEqualTo(distinct);
        assertThat(jdbc.sql("select count(*) from contact_tags t join contacts c on c.id = t.contact_id"
                + " where c.workspace_id = :ws and t.tag = 'one'").param("ws", ws).query(Long.class).single())
                .isEqualTo(batch);
    }

    private String name(long workspaceId, long number) {
        return jdbc.sql("select first_name from contacts where workspace_id = :ws and phone = :p")
                .param("ws", workspaceId).param("p", "+" + number).query(String.class).single();
    }
}
