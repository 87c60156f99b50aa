package dev.recado.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import dev.recado.support.RawHttp;
import dev.recado.support.RecadoTest;
import dev.recado.support.RowCounts;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Inputs a hostile probe sent that once reached a 500 or were silently accepted: each is now a
 * problem naming what is wrong, and writes nothing.
 */
@RecadoTest
class HostileInputTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;
    RowCounts rows;
    Map<String, Long> before;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Hostile input");
        rows = new RowCounts(jdbc);
        before = rows.now();
    }

    private void assertProblem(ApiClient.Response r, int status, String code, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.text("code")).isEqualTo(code);
        if (field != null) {
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        }
        assertThat(rows.now()).as("nothing written").isEqualTo(before);
    }

    @Test
    void wildcardAndMultipartContentTypesAreProblemsNot500() {
        assertProblem(api.postRaw("/v1/contacts", key, "*/*", "{}".getBytes()), 415, "unsupported_media_type", null);
        assertProblem(api.postRaw("/v1/senders", key, "application/*", "{}".getBytes()), 415, "unsupported_media_type", null);
        assertProblem(api.postRaw("/v1/contacts", key, "not a type", "{}".getBytes()), 415, "unsupported_media_type", null);
        byte[] form = "--xx\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--xx--\r\n".getBytes();
        assertProblem(api.postRaw("/v1/contacts", key, "multipart/form-data; boundary=xx", form), 415,
                "unsupported_media_type", null);
        byte[] unclosed = "--xx\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nphone\r\n".getBytes();
        assertProblem(api.postRaw("/v1/contacts/imports", key, "multipart/form-data; boundary=xx", unclosed), 400,
                "malformed_multipart", null);
        byte[] nulName = "--xx\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\0.csv\"\r\n\r\nphone\r\n+34612345678\r\n--xx--\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        var r = api.postRaw("/v1/contacts/imports", key, "multipart/form-data; boundary=xx", nulName);
        assertThat(r.status()).as(r.body()).isBetween(400, 499);
        assertThat(rows.now()).isEqualTo(before);
    }

    @Test
    void malformedPercentEscapesAndNulInQueriesNameTheParameter() {
        assertProblem(RawHttp.send(port, "GET", "/v1/contacts?q=%ZZ", key, null, null), 422, "validation_failed", "q");
        assertProblem(api.get("/v1/contacts?q=%E0%80", key), 422, "validation_failed", "q");
        assertProblem(api.get("/v1/contacts?tag=%00", key), 422, "validation_failed", "tag");
        assertProblem(RawHttp.send(port, "POST", "/v1/contacts/imports?consent_evidence=%Z", key, "text/csv",
                "phone\n".getBytes()), 422, "validation_failed", "consent_evidence");
    }

    @Test
    void requestsRefusedBeforeAControllerAreProblemsToo() {
        // Tomcat refuses undecodable paths itself, Spring Security's firewall refuses ; and encoded CR/LF,
        // and a Content-Type no import handler takes never reaches a controller: all problem documents
        for (String target : new String[] {"/v1/contacts/ct_%ZZ", "/v1/contacts/ct_%C3%28", "/v1/contacts/ct_..%2F..%2Fetc",
            "/v1/contacts/ct_1;drop", "/v1/senders/snd_1%0d%0aX-Injected:%201"}) {
            var r = RawHttp.send(port, "GET", target, key, null, null);
            assertThat(r.status()).as(target).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(target).startsWith("application/problem+json");
            assertThat(r.text("code")).as(target).isEqualTo("bad_request");
        }
        assertProblem(api.postRaw("/v1/contacts/imports", key, "application/xml", "<a/>".getBytes()), 415,
                "unsupported_media_type", null);
    }

    @Test
    void nulCharactersAre422NamingTheField() {
        assertProblem(api.post("/v1/contacts", key, "{\"phone\":\"+34612345678\",\"first_name\":\"a\\u0000b\"}"),
                422, "validation_failed", "first_name");
        assertProblem(api.post("/v1/contacts", key, "{\"phone\":\"+34612345678\",\"tags\":[\"ok\",\"a\\u0000\"]}"),
                422, "validation_failed", "tags[1]");
        assertProblem(api.post("/v1/senders", key, "{\"channel\":\"sms\",\"name\":\"a\\u0000\",\"host\":\"smpp.example.net\","
                + "\"system_id\":\"a\",\"source_address\":\"ACME\"}"), 422, "validation_failed", "name");
        assertProblem(api.post("/v1/webhooks", key, "{\"url\":\"https://example.com/\\u0000\",\"events\":[\"message.status\"]}"),
                422, "validation_failed", "url");
    }

    @Test
    void looseTypesAre422NamingTheField() {
        assertProblem(api.post("/v1/contacts", key, "{\"phone\":\"+34612345678\",\"first_name\":5}"),
                422, "validation_failed", "first_name");
        assertProblem(api.post("/v1/messages", key, "{\"to\":\"+34612345678\",\"body\":\"x\",\"send_at\":1e308}"),
                422, "validation_failed", "send_at");
        assertProblem(api.post("/v1/messages", key, "{\"to\":\"+34612345678\",\"body\":\"x\",\"send_at\":1764000000}"),
                422, "validation_failed", "send_at");
        assertProblem(api.post("/v1/messages", key, "{\"to\":\"+34612345678\",\"body\":\"x\",\"priority\":\"5\"}"),
                422, "validation_failed", "priority");
        assertProblem(api.post("/v1/messages", key, "{\"to\":\"+34612345678\",\"body\":\"x\",\"priority\":1e12}"),
                422, "validation_failed", "priority");
        assertProblem(api.post("/v1/messages", key, "{\"to\":\"+34612345678\",\"channel\":0,\"body\":\"x\"}"),
                422, "validation_failed", "channel");
        assertProblem(api.post("/v1/api-keys", key, "{\"name\":\"k\",\"scope\":1}"), 422, "validation_failed", "scope");
        assertProblem(api.post("/v1/senders", key, "{\"channel\":\"sms\",\"name\":\"s\",\"host\":[\"a\"],"
                + "\"system_id\":\"a\",\"source_address\":\"ACME\"}"), 422, "validation_failed", "host");
        assertProblem(api.post("/v1/senders", key, "{\"channel\":\"sms\",\"name\":\"s\",\"host\":\"smpp.example.net\","
                + "\"system_id\":{\"a\":1},\"source_address\":\"ACME\"}"), 422, "validation_failed", "system_id");
        assertProblem(api.post("/v1/senders", key, "{\"channel\":\"sms\",\"name\":\"s\",\"host\":\"smpp.example.net\","
                + "\"system_id\":\"a\",\"source_address\":\"ACME\",\"default\":\"no\"}"), 422, "validation_failed", "default");
        var ws = api.post("/v1/workspaces", ApiClient.PLATFORM_KEY, "{\"name\":\"Typed\"}");
        before = rows.now();
        assertProblem(api.patch("/v1/workspaces/" + ws.text("id"), ApiClient.PLATFORM_KEY, "{\"suspended\":1}"),
                422, "validation_failed", "suspended");
    }

    @Test
    void idsResolveOnlyInTheirCanonicalSpelling() {
        var ws = api.post("/v1/workspaces", ApiClient.PLATFORM_KEY, "{\"name\":\"Canonical\"}");
        String id = ws.text("id");
        assertThat(api.get("/v1/workspaces/" + id, ApiClient.PLATFORM_KEY).status()).isEqualTo(200);
        String digits = id.substring(3);
        assertThat(api.get("/v1/workspaces/ws_" + digits.toUpperCase(), ApiClient.PLATFORM_KEY).status())
                .isEqualTo(digits.equals(digits.toUpperCase()) ? 200 : 404);
        assertThat(api.get("/v1/workspaces/ws_0" + digits, ApiClient.PLATFORM_KEY).status()).isEqualTo(404);
        assertThat(api.get("/v1/workspaces/ws_%D9%A1", ApiClient.PLATFORM_KEY).status()).isEqualTo(404);
        assertThat(PublicId.parse("ws_", "ws_D")).isEmpty();
        assertThat(PublicId.parse("ws_", "ws_\u0661")).isEmpty();
        assertThat(PublicId.parse("ws_", "ws_d")).contains(13L);
    }

    @Test
    void overLongValuesAre422NamingTheFieldBeforeTheDatabase() {
        assertProblem(api.postRaw("/v1/contacts/imports?file_name=" + "f".repeat(400), key, "text/csv",
                "phone\n+34612345678\n".getBytes()), 422, "validation_failed", "file_name");
        assertProblem(api.post("/v1/api-keys", key, "{\"name\":\"" + "k".repeat(300) + "\"}"), 422, "validation_failed", "name");
        assertProblem(api.post("/v1/messages", key, "{\"to\":\"+34612345678\",\"body\":\"x\",\"status_callback\":\"https://example.com/"
                + "p".repeat(1100) + "\"}"), 422, "validation_failed", "status_callback");
    }
}
