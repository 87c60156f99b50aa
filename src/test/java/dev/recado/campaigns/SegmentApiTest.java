package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code /v1/segments}: conditions translated to SQL and counted on both databases. */
@RecadoTest
class SegmentApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Segments " + System.nanoTime());
        var fx = new CampaignFixtures(api, key);
        String ana = fx.contact("{\"phone\":\"+34612000201\",\"first_name\":\"Ana\",\"language\":\"es\",\"tags\":[\"vip\"],"
                + "\"attributes\":{\"city\":\"Madrid\",\"points\":120}}");
        fx.contact("{\"phone\":\"+34612000202\",\"tags\":[\"vip\",\"news\"],\"attributes\":{\"city\":\"Sevilla\",\"points\":15}}");
        fx.contact("{\"email\":\"carla@example.com\",\"language\":\"en\",\"attributes\":{\"city\":\"Madrid\"}}");
        String dani = fx.contact("{\"phone\":\"+34612000204\",\"tags\":[\"news\"]}");
        fx.consent(ana, "opted_in");
        fx.consent(dani, "opted_out");
        api.post("/v1/contacts", key, "{\"phone\":\"+34612000205\"}");
    }

    private long count(String match, String conditions) {
        var r = api.post("/v1/segments", key, "{\"name\":\"s\",\"match\":\"" + match + "\",\"conditions\":[" + conditions + "]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        var counted = api.get("/v1/segments/" + r.text("id") + "/count", key);
        assertThat(counted.status()).as(counted.body()).isEqualTo(200);
        return counted.json().get("count").asLong();
    }

    @Test
    void countsEachKindOfCondition() {
        assertThat(count("all", "")).isEqualTo(5);
        assertThat(count("all", "{\"field\":\"tag\",\"op\":\"has\",\"value\":\"vip\"}")).isEqualTo(2);
        assertThat(count("all", "{\"field\":\"tag\",\"op\":\"not_has\",\"value\":\"vip\"}")).isEqualTo(3);
        assertThat(count("all", "{\"field\":\"attributes.city\",\"op\":\"eq\",\"value\":\"Madrid\"}")).isEqualTo(2);
        assertThat(count("all", "{\"field\":\"attributes.city\",\"op\":\"neq\",\"value\":\"Madrid\"}")).isEqualTo(3);
        assertThat(count("all", "{\"field\":\"attributes.points\",\"op\":\"gt\",\"value\":100}")).isEqualTo(1);
        assertThat(count("all", "{\"field\":\"attributes.points\",\"op\":\"lt\",\"value\":100}")).isEqualTo(1);
        assertThat(count("all", "{\"field\":\"attributes.points\",\"op\":\"exists\",\"value\":true}")).isEqualTo(2);
        assertThat(count("all", "{\"field\":\"consent.sms.marketing\",\"op\":\"eq\",\"value\":\"opted_in\"}")).isEqualTo(1);
        assertThat(count("all", "{\"field\":\"consent.sms.marketing\",\"op\":\"eq\",\"value\":\"opted_out\"}")).isEqualTo(1);
        assertThat(count("all", "{\"field\":\"consent.sms.marketing\",\"op\":\"eq\",\"value\":\"none\"}")).isEqualTo(3);
        assertThat(count("all", "{\"field\":\"phone\",\"op\":\"exists\",\"value\":true}")).isEqualTo(4);
        assertThat(count("all", "{\"field\":\"email\",\"op\":\"exists\",\"value\":true}")).isEqualTo(1);
        assertThat(count("all", "{\"field\":\"created_at\",\"op\":\"within_days\",\"value\":1}")).isEqualTo(5);
        assertThat(count("all", "{\"field\":\"created_at\",\"op\":\"lt\",\"value\":\"2020-01-01T00:00:00Z\"}")).isZero();
        assertThat(count("all", "{\"field\":\"last_outbound_at\",\"op\":\"exists\",\"value\":false}")).isEqualTo(5);
        assertThat(count("all", "{\"field\":\"last_inbound_at\",\"op\":\"within_days\",\"value\":30}")).isZero();
        assertThat(count("all", "{\"field\":\"language\",\"op\":\"eq\",\"value\":\"en\"}")).isEqualTo(1);
    }

    @Test
    void theLatestMessageIsComparedWithBothEndsOfATime() {
        // a sender that never connects: the message stays queued, its row is what the conditions read
        assertThat(api.post("/v1/senders", key, "{\"channel\":\"sms\",\"name\":\"Down\",\"host\":\"127.0.0.1\","
                + "\"port\":1,\"system_id\":\"down\",\"password\":\"pw\",\"source_address\":\"Tienda\",\"default\":true}")
                .status()).isEqualTo(201);
        var sent = api.post("/v1/messages", key, "{\"to\":\"+34612000201\",\"channel\":\"sms\",\"body\":\"Hola\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        String last = "{\"field\":\"last_outbound_at\",\"op\":";
        assertThat(count("all", last + "\"exists\",\"value\":true}")).isEqualTo(1);
        assertThat(count("all", last + "\"exists\",\"value\":false}")).isEqualTo(4);
        assertThat(count("all", last + "\"within_days\",\"value\":1}")).isEqualTo(1);
        assertThat(count("all", last + "\"gt\",\"value\":\"2020-01-01T00:00:00Z\"}")).isEqualTo(1);
        assertThat(count("all", last + "\"gt\",\"value\":\"2099-01-01T00:00:00Z\"}")).isZero();
        // before a time: the contact has a message and none since; a contact with none is not "before"
        assertThat(count("all", last + "\"lt\",\"value\":\"2099-01-01T00:00:00Z\"}")).isEqualTo(1);
        assertThat(count("all", last + "\"lt\",\"value\":\"2020-01-01T00:00:00Z\"}")).isZero();
        assertThat(count("all", "{\"field\":\"last_inbound_at\",\"op\":\"exists\",\"value\":true}")).isZero();
    }

    @Test
    void combinesConditionsWithAllOrAny() {
        String vipMadrid = "{\"field\":\"tag\",\"op\":\"has\",\"value\":\"vip\"},"
                + "{\"field\":\"attributes.city\",\"op\":\"eq\",\"value\":\"Madrid\"}";
        assertThat(count("all", vipMadrid)).isEqualTo(1);
        assertThat(count("any", vipMadrid)).isEqualTo(3);
    }

    @Test
    void valuesNeverBecomeSql() {
        assertThat(count("all", "{\"field\":\"tag\",\"op\":\"has\",\"value\":\"vip' or '1'='1\"}")).isZero();
        assertThat(count("all", "{\"field\":\"attributes.city\",\"op\":\"eq\",\"value\":\"x') or 1=1 --\"}")).isZero();
    }

    @Test
    void readsBackAndListsSegments() {
        var r = api.post("/v1/segments", key, "{\"name\":\"VIP\",\"conditions\":[{\"field\":\"tag\",\"op\":\"has\",\"value\":\"vip\"}]}");
        String id = r.text("id");
        assertThat(id).startsWith("seg_");
        var got = api.get("/v1/segments/" + id, key).json();
        assertThat(got.get("match").asString()).isEqualTo("all");
        assertThat(got.get("conditions").get(0).get("value").asString()).isEqualTo("vip");
        assertThat(api.get("/v1/segments", key).json().get("data").get(0).get("id").asString()).isEqualTo(id);
        assertThat(api.get("/v1/segments/" + id + "/count", api.newWorkspace("Other")).status()).isEqualTo(404);
    }

    @Test
    void badConditionsAre422NamingEachFieldAndWriteNothing() {
        long before = jdbc.sql("select count(*) from segments").query(Long.class).single();
        var r = api.post("/v1/segments", key, """
                {"name":"bad","match":"most","conditions":[
                 {"field":"tag","op":"has","value":"vip"},
                 {"field":"tag","op":"gt","value":"vip"},
                 {"field":"shoe_size","op":"eq","value":"42"},
                 {"field":"attributes.a-b","op":"eq","value":"x"},
                 {"field":"consent.fax.marketing","op":"eq","value":"opted_in"},
                 {"field":"consent.sms.marketing","op":"eq","value":"maybe"},
                 {"field":"last_inbound_at","op":"within_days","value":"thirty"},
                 {"field":"created_at","op":"gt","value":"yesterday"},
                 {"field":"phone","op":"exists","value":"yes"}]}""");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("\"match\"", "conditions[1].op", "conditions[2].field", "conditions[3].field",
                "conditions[4].field", "conditions[5].value", "conditions[6].value", "conditions[7].value",
                "conditions[8].value").doesNotContain("conditions[0]");
        assertThat(jdbc.sql("select count(*) from segments").query(Long.class).single()).isEqualTo(before);
    }
}
