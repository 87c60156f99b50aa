package dev.recado.channels.whatsapp.internal;

import dev.recado.common.OutboundTargets;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.ConnectionCheck;
import dev.recado.messaging.spi.ProviderTemplate;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.TemplateSubmission;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * One-off Graph calls made for a person at the console rather than by a running sender: the
 * connection test ({@code GET /{phone-number-id}}, which needs a working token and names the number),
 * reading the WABA's templates now and submitting one for review. Each opens and closes its own client.
 */
public final class GraphAccount {

    /** Meta's "content in this language already exists" for a template name. */
    static final int DUPLICATE_SUBCODE = 2388024;

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

    /**
     * {@code POST /{waba-id}/message_templates} with a checked template; Meta answers
     * {@code {id, status, category}} (status {@code PENDING} until reviewed, sometimes at once
     * {@code APPROVED}). A refusal is a {@link ChannelAdapterFactory.TemplateRefused}, a duplicate
     * name and language (subcode 2388024) said so.
     */
    public ProviderTemplate submit(TemplateSubmission t) throws IOException, InterruptedException {
        if (settings.businessAccountId() == null) {
            throw new ChannelAdapterFactory.TemplateRefused("the sender has no business_account_id", false);
        }
        var body = GraphPayloads.JSON.createObjectNode();
        body.put("name", t.name());
        body.put("language", t.language());
        body.put("category", t.category().toUpperCase(Locale.ROOT));
        var components = body.putArray("components");
        for (var c : t.components()) {
            var node = (tools.jackson.databind.node.ObjectNode) GraphPayloads.JSON.valueToTree(c);
            node.put("type", node.path("type").asString("").toUpperCase(Locale.ROOT));
            if (node.has("format")) {
                node.put("format", node.path("format").asString("").toUpperCase(Locale.ROOT));
            }
            components.add(node);
        }
        JsonNode answer;
        try {
            answer = send(settings.businessAccountId() + "/message_templates",
                    HttpRequest.BodyPublishers.ofString(GraphPayloads.JSON.writeValueAsString(body)));
        } catch (GraphRefused refused) {
            throw new ChannelAdapterFactory.TemplateRefused(refused.getMessage(), refused.subcode == DUPLICATE_SUBCODE);
        }
        return new ProviderTemplate(t.name(), t.language(),
                answer.path("category").asString(t.category()).toLowerCase(Locale.ROOT),
                answer.path("status").asString("PENDING").toLowerCase(Locale.ROOT), null, answer.path("id").asString(null),
                null);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(path, null);
    }

    /** A GET, or a JSON POST of {@code body}. */
    private JsonNode send(String path, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        targets.resolveChecked(URI.create(settings.apiBaseUrl()).getHost(), targets.allowsPrivate(workspaceId));
        // redirects are not followed: a Graph URL that redirects elsewhere is not the Graph
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build()) {
            var request = HttpRequest.newBuilder(URI.create(settings.url(path))).timeout(timeout)
                    .header("Authorization", "Bearer " + settings.accessToken());
            if (body != null) {
                request.header("Content-Type", "application/json").POST(body);
            }
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                var failure = GraphErrors.read(response.statusCode(), response.body());
                throw new GraphRefused("Graph " + response.statusCode() + ", code " + failure.code() + ": "
                        + failure.message(), subcode(response.body()));
            }
            return GraphPayloads.JSON.readTree(response.body());
        }
    }

    private static int subcode(String body) {
        try {
            return GraphPayloads.JSON.readTree(body).path("error").path("error_subcode").asInt(0);
        } catch (RuntimeException notJson) {
            return 0;
        }
    }

    /** The Graph answered with an error object. */
    private static final class GraphRefused extends IOException {
        final int subcode;

        GraphRefused(String message, int subcode) {
            super(message);
            this.subcode = subcode;
        }
    }
}
