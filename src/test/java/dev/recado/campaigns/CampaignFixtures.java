package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** An audience, a template and a campaign made through the API, as a customer would. */
public final class CampaignFixtures {

    private final ApiClient api;
    private final String key;

    public CampaignFixtures(ApiClient api, String key) {
        this.api = api;
        this.key = key;
    }

    /** {@code n} contacts tagged {@code tag}, numbered from {@code first}, with marketing consent given. */
    public List<String> consentingContacts(String tag, int first, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = contact("{\"phone\":\"+3461" + String.format("%07d", first + i) + "\",\"first_name\":\"P" + i
                    + "\",\"language\":\"es\",\"tags\":[\"" + tag + "\"]}");
            consent(id, "opted_in");
            ids.add(id);
        }
        return ids;
    }

    /** A workspace with credit for a few hundred messages (the trial's 0.60 covers fifteen). */
    public static String workspace(ApiClient api, String name) {
        var r = api.post("/v1/workspaces", ApiClient.PLATFORM_KEY, "{\"name\":\"" + name + "\",\"trial_credit\":50}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("api_key");
    }

    /** A workspace in a time zone (null: the default) with the same credit; the answer carries its id and key. */
    public static ApiClient.Response workspaceIn(ApiClient api, String name, String timezone) {
        var r = api.post("/v1/workspaces", ApiClient.PLATFORM_KEY, "{\"name\":\"" + name + " " + System.nanoTime() + "\""
                + (timezone == null ? "" : ",\"timezone\":\"" + timezone + "\"") + ",\"trial_credit\":50}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    public String contact(String json) {
        var r = api.post("/v1/contacts", key, json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    public void consent(String contact, String status) {
        var r = api.post("/v1/contacts/" + contact + "/consents", key, "{\"channel\":\"sms\",\"purpose\":\"marketing\","
                + "\"status\":\"" + status + "\",\"source\":\"form\",\"evidence\":\"test\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    public String segment(String tag) {
        var r = api.post("/v1/segments", key, "{\"name\":\"" + tag + "\",\"conditions\":[{\"field\":\"tag\",\"op\":\"has\","
                + "\"value\":\"" + tag + "\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    /** A segment without conditions: every contact of the workspace. */
    public String everyone() {
        var r = api.post("/v1/segments", key, "{\"name\":\"everyone\",\"conditions\":[]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    public String smsTemplate(String purpose, String body) {
        var r = api.post("/v1/templates", key, "{\"name\":\"t\",\"purpose\":\"" + purpose + "\",\"variants\":[{\"channel\":"
                + "\"sms\",\"language\":\"es\",\"body\":\"" + body + "\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    public String campaign(String segment, String template, String extra) {
        var r = api.post("/v1/campaigns", key, "{\"name\":\"c\",\"segment_id\":\"" + segment + "\",\"template_id\":\""
                + template + "\",\"channel\":\"sms\"" + extra + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.text("status")).isEqualTo("draft");
        return r.text("id");
    }

    public JsonNode action(String campaign, String action) {
        var r = api.post("/v1/campaigns/" + campaign + "/" + action, key, "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    public JsonNode get(String campaign) {
        var r = api.get("/v1/campaigns/" + campaign, key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
