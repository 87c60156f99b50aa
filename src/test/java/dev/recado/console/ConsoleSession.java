package dev.recado.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser: keeps the session cookie, reads the CSRF token out of the pages'
 * forms and does not follow redirects, so tests see exactly what the console answers.
 */
final class ConsoleSession {

    record Page(int status, String location, String body) {
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;
    private String language = "en";

    ConsoleSession(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    ConsoleSession language(String acceptLanguage) {
        this.language = acceptLanguage;
        return this;
    }

    /** Signs in through the real form; the answer is the redirect Spring Security sends. */
    Page login(String email, String password) {
        return post("/login", Map.of("username", email, "password", password));
    }

    Page get(String path) {
        return send(request(path).GET().build());
    }

    /** A form POST carrying the token of the session's current CSRF form field. */
    Page post(String path, Map<String, String> form) {
        var fields = new LinkedHashMap<>(form);
        fields.put("_csrf", csrfToken());
        return postWithoutToken(path, fields);
    }

    /** A form POST where one field repeats, as checkboxes of one name send it. */
    Page postRepeated(String path, Map<String, String> form, String repeated, java.util.List<String> values) {
        var fields = new LinkedHashMap<>(form);
        fields.put("_csrf", csrfToken());
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        String more = values.stream().map(v -> enc(repeated) + "=" + enc(v)).collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(more.isEmpty() ? body : body + "&" + more)).build());
    }

    Page postWithoutToken(String path, Map<String, String> form) {
        return postForm(path, form, "text/html");
    }

    /** A form POST with its CSRF token, as a page's script sends it, asking for JSON. */
    Page postForJson(String path, Map<String, String> form) {
        var fields = new LinkedHashMap<>(form);
        fields.put("_csrf", csrfToken());
        return postForm(path, fields, "application/json");
    }

    private Page postForm(String path, Map<String, String> form, String accept) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .setHeader("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A multipart/form-data POST with one file part, as a browser sends an upload form. */
    Page upload(String path, String fileName, byte[] content, Map<String, String> fields) {
        String boundary = "----recado" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        var all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrfToken());
        all.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n");
        body.writeBytes(content);
        write(body, "\r\n--" + boundary + "--\r\n");
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    /** The login page carries a token before sign-in, the layout's logout form after it. */
    private String csrfToken() {
        Page page = get("/login");
        if (page.status() == 302) {
            page = get("/");
        }
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no CSRF field on the page: " + page.status());
        }
        return m.group(1);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html").header("Accept-Language", language);
    }

    private Page send(HttpRequest request) {
        try {
            var r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
