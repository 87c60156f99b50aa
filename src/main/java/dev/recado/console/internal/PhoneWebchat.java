package dev.recado.console.internal;

import dev.recado.channels.webchat.WebchatSnippets;
import dev.recado.messaging.SenderDirectory;
import dev.recado.messaging.SenderDirectory.SenderView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The web chat widget the virtual phone visits: the workspace's enabled web chat sender that allows
 * the console's origin (sandbox workspaces get one, "Sandbox web chat"), else its default one, so
 * the phone can say which origin to add. The widget's own handshake still decides; this only
 * chooses and explains.
 */
@Component
class PhoneWebchat {

    /**
     * {@code origin} is the console's as the browser sends it; {@code allowed} whether the widget's
     * {@code allowedOrigins} name it.
     */
    record Widget(String senderId, String name, String widgetKey, List<String> allowedOrigins, String origin,
            boolean allowed) {
    }

    private final SenderDirectory senders;
    private final WebchatSnippets snippets;

    PhoneWebchat(SenderDirectory senders, WebchatSnippets snippets) {
        this.senders = senders;
        this.snippets = snippets;
    }

    Optional<Widget> find(long workspaceId, String origin) {
        return senders.list(workspaceId).stream()
                .filter(s -> s.channel().equals("webchat") && s.enabled())
                .min(Comparator.comparing((SenderView s) -> !origins(s).contains(origin)).thenComparing(s -> !s.isDefault()))
                .map(s -> new Widget(s.id(), s.name(), snippets.of(s.id()).widgetKey(), origins(s), origin,
                        origins(s).contains(origin)));
    }

    /** The console's origin as the browser names it in a request it makes from this page. */
    static String originOf(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean usual = port == ("https".equals(request.getScheme()) ? 443 : 80);
        return (request.getScheme() + "://" + request.getServerName()).toLowerCase(Locale.ROOT) + (usual ? "" : ":" + port);
    }

    private static List<String> origins(SenderView sender) {
        Object setting = sender.settings().get("allowed_origins");
        List<String> given = setting instanceof String s ? Arrays.asList(s.split("[\\s,]+"))
                : setting instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        return given.stream().filter(o -> !o.isBlank())
                .map(o -> o.strip().replaceAll("/+$", "").toLowerCase(Locale.ROOT)).toList();
    }
}
