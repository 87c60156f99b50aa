package dev.recado.channels.whatsapp.internal;

import dev.recado.common.OutboundTargets;
import dev.recado.messaging.spi.ConnectionCheck;
import dev.recado.messaging.spi.ProviderTemplate;
import dev.recado.messaging.spi.SenderState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One-off Graph calls made for a person at the console rather than by a running sender: the
 * connection test ({@code GET /{phone-number-id}}, which needs a working token and names the number)
 * and reading the WABA's templates now. Each opens and closes its own client.
 */
public final class GraphAccount {

    private final WhatsAppSettings settings;
    private final OutboundTargets targets;
    private final long workspaceId;
    private final Duration timeout;

    public GraphAccount(java.util.Map<String, Object> settings, OutboundTargets targets, long workspaceId,
            Duration timeout) {
        this.settings = WhatsAppSettings.from(settings);
        this.targets = targets;
        this.workspaceId = workspaceId;
        this.timeout = timeout;
    }

    /** Connected with the number Meta shows, or failed with the Graph's own error. */
    public ConnectionCheck check() throws InterruptedException {
        try {
            JsonNode number = get(settings.phoneNumberId() + "?fields=id,display_phone_number,verified_name");
            String shown = number.path("display_phone_number").asString("");
            String name = number.path("verified_name").asString("");
            return ConnectionCheck.connected(name.isBlank() ? shown : shown + " (" + name + ")");
        } catch (GraphRefused refused) {
            return ConnectionCheck.failed(refused.getMessage());
        } catch (OutboundTargets.RefusedTarget refused) {
            return ConnectionCheck.failed(refused.getMessage());
        } catch (IOException e) {
            return new ConnectionCheck(SenderState.DISCONNECTED, "cannot reach " + settings.apiBaseUrl() + ": " + e);
        }
    }

    /** The WABA's templates, or an IOException naming why not (no business_account_id, the Graph's error). */
    public List<ProviderTemplate> templates() throws IOException, InterruptedException {
        if (settings.businessAccountId() == null) {
            throw new IOException("the sender has no business_account_id");
        }
        return TemplateSync.read(this::get, settings.businessAccountId());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        targets.resolveChecked(URI.create(settings.apiBaseUrl()).getHost(), targets.allowsPrivate(workspaceId));
        // redirects are not followed: a Graph URL that redirects elsewhere is not the Graph
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build()) {
            var response = http.send(HttpRequest.newBuilder(URI.create(settings.url(path))).timeout(timeout)
                    .header("Authorization", "Bearer " + settings.accessToken()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                var failure = GraphErrors.read(response.statusCode(), response.body());
                throw new GraphRefused("Graph " + response.statusCode() + ", code " + failure.code() + ": "
                        + failure.message());
            }
            return GraphPayloads.JSON.readTree(response.body());
        }
    }

    /** The Graph answered with an error object. */
    private static final class GraphRefused extends IOException {
        GraphRefused(String message) {
            super(message);
        }
    }
}
