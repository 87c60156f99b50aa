package dev.recado.channels.whatsapp.internal;

import dev.recado.messaging.spi.InboundMedia;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A customer's file at the Cloud API: {@code GET /{media-id}} with the access token answers its
 * short-lived {@code url}, {@code mime_type}, {@code file_size} and {@code sha256}; a {@code GET} of
 * that url with the same token answers the bytes. Both are bounded by the kind's limit (the size
 * Meta states, then the bytes as they arrive) and the digest is checked before the file is kept;
 * a file refused or cut short leaves nothing behind.
 */
final class GraphMedia {

    /** Resolves and checks a host before a request goes to it (the adapter's outbound-target rule). */
    interface HostCheck {
        void check(URI uri) throws IOException;
    }

    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);

    private GraphMedia() {
    }

    /** The Cloud API's limit for a file of this type (what a customer can send is as bounded). */
    static long limit(String mimeType) {
        String type = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        var max = WhatsAppContentRules.MAX_MEDIA_BYTES;
        return type.startsWith("image/") ? max.get("image") : type.startsWith("video/") ? max.get("video")
                : type.startsWith("audio/") ? max.get("audio") : max.get("document");
    }

    static InboundMedia fetch(HttpClient http, WhatsAppSettings settings, HostCheck hosts, String mediaId, Path into)
            throws IOException, InterruptedException {
        if (!mediaId.matches("[0-9A-Za-z_.-]{1,200}")) {
            throw new InboundMedia.Refused("not a media id: " + mediaId);
        }
        URI info = URI.create(settings.url(mediaId));
        hosts.check(info);
        var answer = http.send(HttpRequest.newBuilder(info).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + settings.accessToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            var failure = GraphErrors.read(answer.statusCode(), answer.body());
            String why = "media " + mediaId + ": " + failure.code() + " " + failure.message();
            // 404, or 100 "does not exist": Meta keeps a customer's file for 30 days, then it is gone for good
            if (answer.statusCode() == 404 || answer.statusCode() == 400 && failure.code() == 100) {
                throw new InboundMedia.Refused(why);
            }
            throw new IOException(why);
        }
        JsonNode media = GraphPayloads.JSON.readTree(answer.body());
        String url = media.path("url").asString("");
        String mimeType = media.path("mime_type").asString(null);
        String sha256 = media.path("sha256").asString("").toLowerCase(Locale.ROOT);
        long stated = media.path("file_size").asLong(-1);
        long limit = limit(mimeType);
        if (stated > limit) {
            throw new InboundMedia.Refused("media " + mediaId + " is " + stated + " bytes; at most " + limit + " are taken");
        }
        URI file;
        try {
            file = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("media " + mediaId + ": the Graph gave no usable url");
        }
        // the token goes with the download: only over https, or over the Graph's own scheme (a local test Graph)
        String scheme = String.valueOf(file.getScheme()).toLowerCase(Locale.ROOT);
        if (file.getHost() == null || !(scheme.equals("https") || scheme.equals(info.getScheme()))) {
            throw new IOException("media " + mediaId + ": the Graph gave no usable url");
        }
        hosts.check(file);
        var download = http.send(HttpRequest.newBuilder(file).timeout(DOWNLOAD_TIMEOUT)
                .header("Authorization", "Bearer " + settings.accessToken()).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = download.body()) {
            if (download.statusCode() / 100 != 2) {
                throw new IOException("media " + mediaId + ": the download answered HTTP " + download.statusCode());
            }
            long length = download.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length > limit) {
                throw new InboundMedia.Refused("media " + mediaId + " is " + length + " bytes; at most " + limit + " are taken");
            }
            String digest = InboundMedia.copy(in, into, limit, mediaId);
            if (!sha256.isEmpty() && !sha256.equals(digest)) {
                throw new IOException("media " + mediaId + ": SHA-256 " + digest + " is not the " + sha256 + " Meta stated");
            }
            return new InboundMedia(mimeType, Files.size(into), digest);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(into);
            throw e;
        }
    }
}
