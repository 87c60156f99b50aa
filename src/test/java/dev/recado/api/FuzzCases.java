package dev.recado.api;

import dev.recado.support.ApiClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad requests for one documented operation, generated from its example and parameters with a
 * seeded random: wrong types, missing and unknown fields, huge and deeply nested values, NUL and
 * control characters, invalid UTF-8, odd content types, malformed %-escapes and non-canonical ids.
 */
final class FuzzCases {

    /** One request: method, target (raw, may hold bad escapes), content type and body bytes. */
    record Case(String what, String method, String target, String contentType, byte[] body) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] CONTENT_TYPES = {"*/*", "application/*", "text/plain", "multipart/form-data",
        "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=nope",
        "application/x-www-form-urlencoded", "application/xml", ";;;", "application/json, text/csv"};
    private static final String[] BAD_IDS = {"D", "%D9%A1", "0", "-1", "1.0", "%00", "%ZZ", "zzzzzzzzzzzzzzzzzzzz",
        "1%0d%0aX-Injected:%201", "..%2F..%2Fetc", "%C3%28", "1;drop"};
    private static final String[] BAD_QUERY_VALUES = {"%ZZ", "%00", "%C3%28", "-1", "1e309", "abc", "%E2%80%AE",
        "x".repeat(5000), "%", "true&x=%"};

    private final Random random;

    FuzzCases(long seed) {
        random = new Random(seed);
    }

    List<Case> forOperation(String method, String documentedPath, String id, JsonNode op, int count) {
        // an occurrence number is not what these cases vary: a literal "{n}" would be refused by Tomcat's parser
        String path = documentedPath.replace("{n}", "1");
        JsonNode example = example(op);
        List<Case> cases = new ArrayList<>();
        String base = path.replace("{id}", id);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(example == null ? 3 : 6);
            cases.add(switch (kind) {
                case 0 -> badId(method, path, id, op, example);
                case 1 -> badQuery(method, base, op, example);
                case 2 -> badContentType(method, base, example);
                case 3 -> badField(method, base, example);
                case 4 -> badBody(method, base);
                default -> structural(method, base, op, example);
            });
        }
        return cases;
    }

    static JsonNode example(JsonNode op) {
        JsonNode json = op.path("requestBody").path("content").path("application/json");
        return json.has("example") ? json.get("example") : null;
    }

    private Case badId(String method, String path, String id, JsonNode op, JsonNode example) {
        String bad = path.contains("{id}") ? id.substring(0, id.indexOf('_') + 1) + pick(BAD_IDS) : null;
        String target = bad == null ? path + "?" + pick(BAD_QUERY_VALUES).replace("=", "") + "=1" : path.replace("{id}", bad);
        return json("id " + bad, method, target, example);
    }

    private Case badQuery(String method, String base, JsonNode op, JsonNode example) {
        List<String> names = new ArrayList<>();
        op.path("parameters").forEach(p -> {
            if ("query".equals(p.path("in").asString())) {
                names.add(p.path("name").asString());
            }
        });
        names.add("unknown_param");
        String name = names.get(random.nextInt(names.size()));
        String value = pick(BAD_QUERY_VALUES);
        return json("query " + name + "=" + abbreviate(value), method, base + "?" + name + "=" + value, example);
    }

    private Case badContentType(String method, String base, JsonNode example) {
        String type = pick(CONTENT_TYPES);
        byte[] body = example == null ? "{}".getBytes() : example.toString().getBytes(StandardCharsets.UTF_8);
        return new Case("content type " + type, method, base, type, body);
    }

    private Case badField(String method, String base, JsonNode example) {
        ObjectNode body = (ObjectNode) example.deepCopy();
        List<String> fields = new ArrayList<>();
        Iterator<String> names = body.propertyNames().iterator();
        names.forEachRemaining(fields::add);
        String field = fields.isEmpty() ? "x" : fields.get(random.nextInt(fields.size()));
        JsonNode value = badValue();
        body.set(field, value);
        return json("field " + field + "=" + abbreviate(value.toString()), method, base, body);
    }

    private JsonNode badValue() {
        return switch (random.nextInt(14)) {
            case 0 -> NODES.numberNode(random.nextInt(3) - 1);
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.arrayNode().add("a").add(1);
            case 3 -> NODES.objectNode().put("a", 1);
            case 4 -> NODES.nullNode();
            case 5 -> NODES.stringNode("x".repeat(1 + random.nextInt(300_000)));
            case 6 -> NODES.stringNode("a\u0000b");
            case 7 -> NODES.stringNode("line\r\nX-Injected: 1\u0007\u001b[31m");
            case 8 -> NODES.numberNode(new java.math.BigDecimal("1e309"));
            case 9 -> NODES.numberNode(Long.MAX_VALUE);
            case 10 -> NODES.stringNode("\uD800");
            case 11 -> NODES.stringNode("‮ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ﷽");
            case 12 -> NODES.numberNode(1.5);
            default -> deep(60 + random.nextInt(400));
        };
    }

    private static JsonNode deep(int depth) {
        JsonNode node = NODES.stringNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("k", node);
        }
        return node;
    }

    private Case badBody(String method, String base) {
        byte[][] bodies = {new byte[0], "null".getBytes(), "[]".getBytes(), "\"x\"".getBytes(), "{".getBytes(),
            "{\"a\":1}{}".getBytes(), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
            new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, "[".repeat(100_000).getBytes(), "{\"a\":\"\\u00\"}".getBytes(),
            "1e999999999".getBytes()};
        int pick = random.nextInt(bodies.length);
        return new Case("body #" + pick, method, base, "application/json", bodies[pick]);
    }

    private Case structural(String method, String base, JsonNode op, JsonNode example) {
        ObjectNode body = (ObjectNode) example.deepCopy();
        if (random.nextBoolean()) {
            body.put("unknown_field_" + random.nextInt(100), "x");
            return json("unknown field", method, base, body);
        }
        List<String> fields = new ArrayList<>();
        body.propertyNames().forEach(fields::add);
        String drop = fields.get(random.nextInt(fields.size()));
        body.remove(drop);
        return json("missing " + drop, method, base, body);
    }

    private Case json(String what, String method, String target, JsonNode body) {
        if (body == null) {
            return new Case(what, method, target, null, null);
        }
        byte[] bytes;
        try {
            bytes = ApiClient.JSON.writeValueAsBytes(body);
        } catch (RuntimeException unwritable) {
            // a lone surrogate: send it as the JSON escape a client could write
            bytes = body.toString().replace("\uD800", "\\ud800").getBytes(StandardCharsets.UTF_8);
        }
        return new Case(what, method, target, "application/json", bytes);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + ")" : text;
    }
}
