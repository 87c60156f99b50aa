package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import dev.recado.support.TestSmsc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The README's message examples, sent as written: the engine answers what the README says it does. */
@RecadoTest
class ReadmeExampleTest {

    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofMillis(20));

    private static final Pattern EXAMPLE = Pattern.compile(
            "curl -s -X POST localhost:8080/v1/messages .*?-d '(\\{\"to\".*?\\})'\\n# -> (\\{.*?\\})\\n", Pattern.DOTALL);

    @LocalServerPort
    int port;

    @Test
    void theReadmesSendExamplesAnswerWhatItShows() throws IOException {
        var api = new ApiClient(port);
        String key = api.newWorkspace("Readme " + System.nanoTime());
        smscs.connectedSender(api, key, TestSmsc.systemId("rd"), "");
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher m = EXAMPLE.matcher(readme);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            var shown = ApiClient.JSON.readTree(m.group(2).replace("\"msg_…\"", "\"msg_x\""));
            var answer = api.post("/v1/messages", key, m.group(1));
            assertThat(answer.status()).as(answer.body()).isEqualTo(202);
            for (String field : List.of("status", "channel", "segments", "encoding", "currency")) {
                assertThat(answer.json().get(field).asString()).as(m.group(1) + " " + field)
                        .isEqualTo(shown.get(field).asString());
            }
            assertThat(answer.json().get("price").decimalValue()).isEqualByComparingTo(shown.get("price").decimalValue());
            checked.add(shown.get("encoding").asString());
        }
        assertThat(checked).containsExactly("ucs2", "gsm7");

        Matcher batch = BATCH_EXAMPLE.matcher(readme);
        assertThat(batch.find()).as("the README shows a batch").isTrue();
        var shown = ApiClient.JSON.readTree(batch.group(2)).get("data");
        var answer = api.post("/v1/messages/batch", key, batch.group(1));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        var items = answer.json().get("data");
        assertThat(items).hasSize(shown.size());
        for (int i = 0; i < shown.size(); i++) {
            for (String field : List.of("index", "client_ref", "status", "segments", "encoding", "currency", "code", "detail")) {
                assertThat(String.valueOf(items.get(i).get(field))).as("item " + i + " " + field)
                        .isEqualTo(String.valueOf(shown.get(i).get(field)));
            }
        }
    }

    private static final Pattern BATCH_EXAMPLE = Pattern.compile(
            "curl -s -X POST localhost:8080/v1/messages/batch .*?-d '(\\{\"messages\".*?\\})'\\n# -> (\\{.*?\\})\\n", Pattern.DOTALL);
}
