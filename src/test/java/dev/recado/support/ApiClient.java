package dev.recado.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the API, so tests exercise the real wire format over a real socket. */
public final class ApiClient {

    public static final String PLATFORM_KEY = "test-platform-key-0123456789";
    public static final JsonMapper JSON = JsonMapper.builder().build();

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? null : node.asString();
        }
    }

    // a bound, not a pace: in a full suite on two cores (load average 10) a local connect once took over 5 s
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://localhost:" + port;
    }

    public Response get(String path, String key) {
        return send(builder(path, key).GET().build());
    }

    public Response post(String path, String key, String json) {
        return post(path, key, json, Map.of());
    }

    public Response post(String path, String key, String json, Map<String, String> headers) {
        var b = builder(path, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        return send(b.build());
    }

    public Response postRaw(String path, String key, String contentType, byte[] body) {
        return send(builder(path, key).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public Response patch(String path, String key, String json) {
        return send(builder(path, key).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response put(String path, String key, String json) {
        return send(builder(path, key).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response delete(String path, String key) {
        return send(builder(path, key).DELETE().build());
    }

    /** A new workspace through the platform API; returns its first API key. */
    public String newWorkspace(String name) {
        Response r = post("/v1/workspaces", PLATFORM_KEY, "{\"name\":\"" + name + "\"}");
        if (r.status() != 201) {
            throw new AssertionError("workspace creation failed: " + r.status() + " " + r.body());
        }
        return r.text("api_key");
    }

    public String url(String path) {
        return base + path;
    }

    private HttpRequest.Builder builder(String path, String key) {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }

    private Response send(HttpRequest request) {
        try {
            var r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
