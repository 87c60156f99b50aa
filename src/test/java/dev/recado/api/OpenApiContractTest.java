package dev.recado.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published document matches the wire: every operation's documented example request is
 * accepted with a documented status, and every answer validates against the documented schema.
 */
@RecadoTest
class OpenApiContractTest {

    @LocalServerPort
    int port;

    @Test
    void everyOperationAcceptsItsExampleAndAnswersWhatTheDocumentSays() {
        var api = new ApiClient(port);
        JsonNode doc = api.get("/v3/api-docs", null).json();
        assertThat(doc.toString()).doesNotContain("\"caller\"").doesNotContain("firstName").doesNotContain("defaultCountry");
        var fixtures = new ApiFixtures(api);
        SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String method : List.of("get", "post", "patch", "put", "delete")) {
            for (var path : doc.get("paths").properties()) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                String name = method.toUpperCase() + " " + path.getKey();
                var request = fixtures.request(method, path.getKey(), op);
                ApiClient.Response r = request.send();
                checked++;
                JsonNode documented = op.get("responses").get(Integer.toString(r.status()));
                if (documented == null) {
                    failures.add(name + ": status " + r.status() + " is not documented: " + r.body());
                    continue;
                }
                if (r.status() >= 400 && !fixtures.allowedRefusal(name, r)) {
                    failures.add(name + ": example refused with " + r.status() + ": " + r.body());
                }
                String type = r.header("Content-Type") == null ? "" : r.header("Content-Type").split(";")[0];
                JsonNode content = documented.get("content");
                if (r.body().isEmpty() || !type.contains("json")) {
                    continue;
                }
                JsonNode media = content == null ? null : content.get(type);
                if (media == null && content != null) {
                    media = content.get("*/*");
                }
                if (media == null) {
                    failures.add(name + ": " + r.status() + " answers " + type + ", not documented");
                    continue;
                }
                ObjectNode schema = ((ObjectNode) media.get("schema").deepCopy());
                schema.set("components", doc.get("components"));
                var errors = schemas.getSchema(schema).validate(ApiClient.JSON.readTree(r.body()));
                if (!errors.isEmpty()) {
                    failures.add(name + ": " + r.status() + " body does not match its schema: " + errors + " in " + r.body());
                }
            }
        }
        assertThat(checked).isGreaterThan(30);
        assertThat(failures).isEmpty();
    }

    /** The CSV import's documented example is a CSV. */
    @Test
    void theImportBodyIsDescribedAsCsvOrMultipart() {
        JsonNode doc = new ApiClient(port).get("/v3/api-docs", null).json();
        JsonNode body = doc.get("paths").get("/v1/contacts/imports").get("post").get("requestBody").get("content");
        assertThat(body.has("text/csv")).isTrue();
        assertThat(body.has("multipart/form-data")).isTrue();
        assertThat(body.get("text/csv").get("example").asString().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
        assertThat(doc.get("components").get("schemas").get("ContactInput").get("properties").has("first_name")).isTrue();
        assertThat(doc.get("components").get("schemas").get("ConsentRequest").get("properties").get("channel")
                .get("enum").toString()).contains("\"sms\"");
        assertThat(Map.of()).isEmpty();
    }
}
