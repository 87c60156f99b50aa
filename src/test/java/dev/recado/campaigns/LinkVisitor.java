package dev.recado.campaigns;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A recipient's phone or a scanner following the links in a message: no redirects followed, any user agent. */
final class LinkVisitor {

    static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;

    LinkVisitor(int port) {
        this.port = port;
    }

    /** The code after {@code /l/} or {@code /u/} in a message's text. */
    static String code(String kind, String text) {
        Matcher m = Pattern.compile("https?://[^/\\s]+/" + kind + "/([0-9A-Za-z]+)").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no /" + kind + "/ link in: " + text);
        }
        return m.group(1);
    }

    HttpResponse<String> get(String path, String agent) {
        return send(request(path, agent).GET().build());
    }

    HttpResponse<String> head(String path, String agent) {
        return send(request(path, agent).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpResponse<String> postForm(String path, String agent, String form) {
        return send(request(path, agent).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpRequest.Builder request(String path, String agent) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("User-Agent", agent);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
