package dev.recado.messaging.internal;

import dev.recado.workspace.WorkspaceCreated;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** In sandbox mode every new workspace can send at once: it gets a default sender on the simulator. */
@Component
class SandboxSenders {

    private final SenderService senders;
    private final SenderRuntime runtime;

    SandboxSenders(SenderService senders, SenderRuntime runtime) {
        this.senders = senders;
        this.runtime = runtime;
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
    }
}
