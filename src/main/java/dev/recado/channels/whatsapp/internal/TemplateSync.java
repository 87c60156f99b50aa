package dev.recado.channels.whatsapp.internal;

import dev.recado.messaging.spi.ProviderTemplate;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Reads the WABA's templates ({@code GET /{version}/{waba-id}/message_templates}, 100 a page,
 * following the {@code after} cursor rather than a {@code next} URL the answer could point anywhere).
 */
final class TemplateSync {

    /** One Graph GET: the answer's JSON, or an IOException naming the status. */
    interface Graph {
        JsonNode get(String path) throws IOException, InterruptedException;
    }

    private static final int MAX_PAGES = 50;

    private TemplateSync() {
    }

    static List<ProviderTemplate> read(Graph graph, String businessAccountId) throws IOException, InterruptedException {
        List<ProviderTemplate> templates = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer = graph.get(businessAccountId + "/message_templates?fields=id,name,language,category,status,quality_score,rejected_reason&limit=100"
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
            for (JsonNode t : answer.path("data")) {
                templates.add(new ProviderTemplate(t.path("name").asString(""), t.path("language").asString(""),
                        lower(t.path("category").asString("marketing")), lower(t.path("status").asString("unknown")),
                        t.path("quality_score").path("score").isMissingNode() ? null
                                : lower(t.path("quality_score").path("score").asString("")),
                        t.path("id").asString(null), reason(t.path("rejected_reason").asString(null))));
            }
            after = answer.path("paging").path("cursors").path("after").asString(null);
            if (after == null || answer.path("paging").path("next").isMissingNode()) {
                break;
            }
        }
        templates.removeIf(t -> t.name().isBlank() || t.language().isBlank());
        return templates;
    }

    /** Meta writes NONE when there is no reason. */
    static String reason(String value) {
        return value == null || value.isBlank() || value.equalsIgnoreCase("NONE") ? null : value;
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
