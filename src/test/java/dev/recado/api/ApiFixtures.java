package dev.recado.api;

import dev.recado.support.ApiClient;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/** Real rows for the path parameters of the documented operations, and the request each example makes. */
final class ApiFixtures {

    interface Request {
        ApiClient.Response send();
    }

    final ApiClient api;
    final String workspace;
    final String key;
    final String contact;
    final String sender;
    final String message;
    final String importId;
    final String webhook;
    final String template;
    final String segment;

    ApiFixtures(ApiClient api) {
        this.api = api;
        var ws = api.post("/v1/workspaces", ApiClient.PLATFORM_KEY, "{\"name\":\"Contract " + System.nanoTime() + "\"}");
        workspace = ws.text("id");
        key = ws.text("api_key");
        contact = api.post("/v1/contacts", key, "{\"phone\":\"+34612000001\"}").text("id");
        sender = api.post("/v1/senders", key, "{\"channel\":\"sms\",\"name\":\"Carrier\",\"host\":\"smpp.example.net\","
                + "\"system_id\":\"acme\",\"source_address\":\"ACME\"}").text("id");
        message = api.post("/v1/messages", key, "{\"to\":\"+34612000001\",\"body\":\"hola\",\"send_at\":\""
                + java.time.Instant.now().plus(java.time.Duration.ofDays(30)) + "\"}").text("id");
        importId = api.postRaw("/v1/contacts/imports", key, "text/csv", "phone\n+34612000002\n".getBytes()).text("id");
        webhook = api.post("/v1/webhooks", key, "{\"url\":\"https://crm.example.com/h\",\"events\":[\"message.status\"]}").text("id");
        template = api.post("/v1/templates", key, "{\"name\":\"t\",\"variants\":[{\"channel\":\"sms\","
                + "\"language\":\"es\",\"body\":\"Hola\"}]}").text("id");
        segment = api.post("/v1/segments", key, "{\"name\":\"s\",\"conditions\":[]}").text("id");
        for (String id : new String[] {workspace, key, contact, sender, message, importId, webhook, template, segment}) {
            if (id == null) {
                throw new AssertionError("a fixture could not be created");
            }
        }
    }

    /** Paths only the platform key may call. */
    static boolean platformPath(String path) {
        return path.startsWith("/v1/workspaces") || path.startsWith("/v1/topup-requests");
    }

    /** The sandbox is off in tests, and a documented 404 says so. */
    boolean allowedRefusal(String operation, ApiClient.Response r) {
        return operation.contains("/v1/sandbox/") && "sandbox_disabled".equals(r.text("code"))
                // the fixture workspace has no Telegram bot to link to
                || operation.endsWith("/telegram-link") && "no_sender".equals(r.text("code"))
                // the fixture's sender is an SMS one, not a web chat widget
                || operation.endsWith("/{id}/webchat") && r.status() == 404
                // the fixture's sender is an SMS one: its provider takes no template submissions
                || operation.equals("POST /v1/senders/{id}/templates") && "templates_unsupported".equals(r.text("code"))
                // the fixture's message is a text: there is no media to stream
                || operation.endsWith("/{id}/media") && r.status() == 404
                // the fixture's message is outbound: agents type replies to what a customer sent
                || operation.endsWith("/{id}/typing") && r.status() == 422;
    }

    Request request(String method, String path, JsonNode op) {
        String bearer = platformPath(path) ? ApiClient.PLATFORM_KEY : key;
        String target = path.replace("{id}", idFor(method, path)).replace("{n}", "1") + query(op);
        JsonNode body = op.get("requestBody");
        if (path.equals("/v1/contacts/imports") && method.equals("post")) {
            byte[] csv = body.get("content").get("text/csv").get("example").asString().getBytes(StandardCharsets.UTF_8);
            return () -> api.postRaw(target, bearer, "text/csv", csv);
        }
        String json = body == null ? null : placeholders(body.get("content").get("application/json").get("example").toString());
        Supplier<ApiClient.Response> call = switch (method) {
            case "get" -> () -> api.get(target, bearer);
            case "delete" -> () -> api.delete(target, bearer);
            case "patch" -> () -> api.patch(target, bearer, json);
            case "put" -> () -> api.put(target, bearer, json);
            default -> () -> json == null ? api.postRaw(target, bearer, "application/json", new byte[0])
                    : api.post(target, bearer, json);
        };
        return call::get;
    }

    String idFor(String method, String path) {
        if (path.startsWith("/v1/workspaces")) {
            return workspace;
        }
        if (path.startsWith("/v1/contacts/imports")) {
            return importId;
        }
        if (path.startsWith("/v1/contacts")) {
            // erasing gets a contact of its own, so the other operations still find theirs
            return method.equals("delete") ? api.post("/v1/contacts", key, "{\"email\":\"erase-" + System.nanoTime()
                    + "@example.com\"}").text("id") : contact;
        }
        if (path.startsWith("/v1/senders")) {
            return sender;
        }
        if (path.startsWith("/v1/messages")) {
            return message;
        }
        if (path.startsWith("/v1/webhooks")) {
            return webhook;
        }
        if (path.startsWith("/v1/topup-requests")) {
            // each credit needs a request still pending
            return api.post("/v1/billing/topup-requests", key, "{\"amount\":10}").text("id");
        }
        // deleting gets a template or segment of its own: the fixture ones are in scheduled campaigns
        if (path.startsWith("/v1/templates")) {
            return method.equals("delete") ? api.post("/v1/templates", key, "{\"name\":\"spare\",\"variants\":[{"
                    + "\"channel\":\"sms\",\"language\":\"es\",\"body\":\"Hola\"}]}").text("id") : template;
        }
        if (path.startsWith("/v1/segments")) {
            return method.equals("delete") ? api.post("/v1/segments", key, "{\"name\":\"spare\",\"conditions\":[]}")
                    .text("id") : segment;
        }
        if (path.startsWith("/v1/campaigns")) {
            return campaignFor(path);
        }
        if (path.startsWith("/v1/landing-pages")) {
            return api.post("/v1/landing-pages", key, "{\"campaign_id\":\"" + campaignFor("") + "\",\"slug\":\"p"
                    + System.nanoTime() + "\",\"title\":\"Rebajas\"}").text("id");
        }
        if (path.startsWith("/v1/api-keys")) {
            return api.post("/v1/api-keys", key, "{\"name\":\"spare\"}").text("id");
        }
        return "x";
    }

    /** A campaign scheduled for later, in the state the action needs, so every action is allowed. */
    private String campaignFor(String path) {
        String id = api.post("/v1/campaigns", key, "{\"segment_id\":\"" + segment + "\",\"template_id\":\"" + template
                + "\",\"schedule\":{\"type\":\"at\",\"at\":\"2030-01-07T09:00:00Z\"}}").text("id");
        if (path.endsWith("/pause") || path.endsWith("/resume")) {
            api.post("/v1/campaigns/" + id + "/start", key, "");
        }
        if (path.endsWith("/resume")) {
            api.post("/v1/campaigns/" + id + "/pause", key, "");
        }
        return id;
    }

    /** The example's placeholder ids replaced by rows of this workspace (a campaign made only when named). */
    private String placeholders(String example) {
        String json = example.replace("\"ct_1\"", "\"" + contact + "\"").replace("\"seg_1\"", "\"" + segment + "\"")
                .replace("\"tpl_1\"", "\"" + template + "\"");
        return json.contains("\"cmp_1\"") ? json.replace("\"cmp_1\"", "\"" + campaignFor("") + "\"") : json;
    }

    /** Required query parameters get their example or first allowed value. */
    private static String query(JsonNode op) {
        StringBuilder q = new StringBuilder();
        if (op.get("parameters") != null) {
            for (JsonNode p : op.get("parameters")) {
                if (p.path("in").asString().equals("query") && p.path("required").asBoolean(false)) {
                    JsonNode schema = p.get("schema");
                    String value = p.has("example") ? p.get("example").asString()
                            : schema != null && schema.has("enum") ? schema.get("enum").get(0).asString() : "x";
                    q.append(q.isEmpty() ? "?" : "&").append(p.get("name").asString()).append('=').append(value);
                }
            }
        }
        return q.toString();
    }
}
