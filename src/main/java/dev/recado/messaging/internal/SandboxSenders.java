package dev.recado.messaging.internal;

import dev.recado.common.RecadoProperties;
import dev.recado.workspace.WorkspaceCreated;
import java.net.URI;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In sandbox mode every new workspace can send at once: it gets a default sender on each channel's
 * simulator, and a web chat widget the console's virtual phone opens as a site visitor.
 */
@Component
class SandboxSenders {

    private final SenderService senders;
    private final SenderRuntime runtime;
    private final String consoleOrigin;

    SandboxSenders(SenderService senders, SenderRuntime runtime, RecadoProperties properties) {
        this.senders = senders;
        this.runtime = runtime;
        this.consoleOrigin = origin(properties.baseUrl());
    }

    @EventListener
    void on(WorkspaceCreated created) {
        if (runtime.hasProvider("sandbox")) {
            senders.create(created.workspaceId(), Map.of("channel", "sms", "provider", "sandbox",
                    "name", "Sandbox SMS", "rate_per_second", 200, "window", 50, "default", true));
        }
        if (runtime.hasProvider("sandbox_email")) {
            senders.create(created.workspaceId(), Map.of("channel", "email", "provider", "sandbox_email",
                    "name", "Sandbox email", "rate_per_second", 50, "window", 10, "default", true));
        }
        if (runtime.hasProvider("sandbox_whatsapp")) {
            senders.create(created.workspaceId(), Map.of("channel", "whatsapp", "provider", "sandbox_whatsapp",
                    "name", "Sandbox WhatsApp", "rate_per_second", 80, "window", 10, "default", true));
        }
        if (runtime.hasProvider("sandbox_rcs")) {
            senders.create(created.workspaceId(), Map.of("channel", "rcs", "provider", "sandbox_rcs",
                    "name", "Sandbox RCS", "rate_per_second", 50, "window", 10, "default", true));
        }
        if (runtime.hasProvider("sandbox_telegram")) {
            // the bot the twin plays, so deep links (/v1/contacts/{id}/telegram-link) work at once
            senders.create(created.workspaceId(), Map.of("channel", "telegram", "provider", "sandbox_telegram",
                    "name", "Sandbox Telegram", "bot_username", "recado_sandbox_bot", "rate_per_second", 30,
                    "window", 10, "default", true));
        }
        if (runtime.hasProvider("sandbox_webchat") && consoleOrigin != null) {
            // a real widget, open only to the console's own pages (the virtual phone visits one)
            senders.create(created.workspaceId(), Map.of("channel", "webchat", "provider", "sandbox_webchat",
                    "name", "Sandbox web chat", "allowed_origins", java.util.List.of(consoleOrigin), "title", "Sandbox",
                    "offline", "never", "default", true));
        }
    }

    /** Scheme, host and port of the base URL, as a browser sends Origin; null when it is not a web URL. */
    static String origin(String baseUrl) {
        try {
            URI uri = URI.create(baseUrl == null ? "" : baseUrl.strip());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return null;
            }
            String origin = uri.getScheme() + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT)
                    + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            // what the widget's settings accept: a host it refuses must not fail the workspace's creation
            return origin.matches("https?://[a-z0-9.-]{1,253}(:[0-9]{1,5})?") ? origin : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
