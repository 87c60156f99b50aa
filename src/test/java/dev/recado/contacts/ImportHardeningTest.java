package dev.recado.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.RecadoProperties;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Files that once left an import running forever or failed it with a raw database error. */
@RecadoTest
class ImportHardeningTest {

    @LocalServerPort
    int port;
    @Autowired
    RecadoProperties properties;
    ApiClient api;
    String key;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Import hardening " + System.nanoTime());
    }

    private JsonNode importAndWait(byte[] csv) {
        var started = api.postRaw("/v1/contacts/imports", key, "text/csv", csv);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.text("id");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !"running".equals(api.get("/v1/contacts/imports/" + id, key).text("status")));
        return api.get("/v1/contacts/imports/" + id, key).json();
    }

    private void assertSpoolGone(JsonNode result) {
        long id = Long.parseLong(result.get("id").asString().substring(4), 36);
        assertThat(Files.exists(properties.dataDir().resolve("imports").resolve("imp-" + id + ".csv"))).isFalse();
    }

    @Test
    void duplicateHeaderFailsWithAReasonAndLeavesNoFile() {
        var result = importAndWait("phone,Phone\n+34612345001,+34612345002\n".getBytes(StandardCharsets.UTF_8));
        assertThat(result.get("status").asString()).isEqualTo("failed");
        assertThat(result.get("failure").asString()).contains("appears twice");
        assertSpoolGone(result);
        assertThat(api.get("/v1/contacts", key).json().get("data")).isEmpty();
    }

    @Test
    void overLongHeaderFailsWithAReason() {
        var result = importAndWait(("phone," + "x".repeat(1500) + "\n+34612345003,a\n").getBytes(StandardCharsets.UTF_8));
        assertThat(result.get("status").asString()).isEqualTo("failed");
        assertThat(result.get("failure").asString()).contains("longer than 1000");
        assertSpoolGone(result);
    }

    @Test
    void nulRowsAreRejectedWithAReasonAndTheRestImported() {
        var result = importAndWait("phone,first_name\n+34612345004,a\0b\n+34612345005,ok\n".getBytes(StandardCharsets.UTF_8));
        assertThat(result.get("status").asString()).isEqualTo("completed");
        assertThat(result.get("created").asLong()).isEqualTo(1);
        assertThat(result.get("rejected").asLong()).isEqualTo(1);
        assertThat(result.get("errors").get(0).get("reason").asString()).contains("NUL");
        assertSpoolGone(result);
    }

    @Test
    void aPhoneWithLettersRefusesItsRowAndTheOthersAreImported() {
        var result = importAndWait("phone,first_name\n+34612345006,Ana\n600000000x,Typo\n+1 800 FLOWERS,Vanity\n+34612345007,Luis\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(result.get("status").asString()).isEqualTo("completed");
        assertThat(result.get("created").asLong()).isEqualTo(2);
        assertThat(result.get("rejected").asLong()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            var error = result.get("errors").get(i);
            assertThat(error.get("row").asLong()).isEqualTo(3 + i);
            assertThat(error.get("reason").asString()).startsWith("phone ").contains("no letters, no extension");
        }
        assertThat(api.get("/v1/contacts?q=600000000", key).json().get("data")).isEmpty();
        assertThat(api.get("/v1/contacts", key).json().get("data")).hasSize(2);
    }

    @Test
    void utf16AndUtf32AreReadByTheirByteOrderMark() {
        for (String charset : new String[] {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"}) {
            String phone = "+3461234" + (5100 + charset.hashCode() % 900 + 900) % 10000;
            var bytes = new ByteArrayOutputStream();
            bytes.writeBytes("\uFEFFphone,first_name\n".getBytes(Charset.forName(charset)));
            bytes.writeBytes((phone + ",Lucía\n").getBytes(Charset.forName(charset)));
            var result = importAndWait(bytes.toByteArray());
            assertThat(result.get("status").asString()).as(charset + " " + result).isEqualTo("completed");
            assertThat(result.get("created").asLong()).as(charset).isEqualTo(1);
        }
        assertThat(api.get("/v1/contacts", key).json().get("data").get(0).get("first_name").asString()).isEqualTo("Lucía");
    }

    @Test
    void everyRowIsAccountedFor() {
        StringBuilder csv = new StringBuilder("phone\n");
        for (int i = 0; i < 5000; i++) {
            csv.append(i % 1000 == 999 ? "not a phone" : "+34612345099").append('\n');
        }
        var result = importAndWait(csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(result.get("rows_read").asLong()).isEqualTo(5000);
        assertThat(result.get("created").asLong()).isEqualTo(1);
        assertThat(result.get("rejected").asLong()).isEqualTo(5);
        assertThat(result.get("updated").asLong()).isEqualTo(4994);
    }
}
