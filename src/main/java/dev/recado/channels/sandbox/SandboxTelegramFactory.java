package dev.recado.channels.sandbox;

import dev.recado.channels.telegram.TelegramAdapterFactory;
import dev.recado.common.FieldProblem;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.ChannelCapabilities;
import dev.recado.messaging.spi.ContentPlan;
import dev.recado.messaging.spi.OutboundMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Provider {@code sandbox_telegram}: the Telegram channel's sandbox twin. It takes exactly what the
 * Bot API sender takes (the same content rules), delivers to the {@link SandboxTelegram} client
 * under a {@code chat_id:message_id} as the real sender's ids are, and reports it delivered. Its one
 * setting, {@code bot_username}, names the bot in deep links, as the real sender's does.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
class SandboxTelegramFactory extends SandboxTwinFactory {

    SandboxTelegramFactory(SandboxTelegram handset, Clock clock) {
        super(handset, clock, "sandbox_telegram", "telegram");
    }

    @Override
    String newProviderId(OutboundMessage message) {
        return message.to() + ":" + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    @Override
    public Set<String> settingNames() {
        return Set.of("bot_username");
    }

    @Override
    public List<FieldProblem> validate(Map<String, Object> settings) {
        List<FieldProblem> problems = new ArrayList<>(super.validate(settings));
        Object username = settings.get("bot_username");
        if (username != null && !(username instanceof String u && u.matches("@?[A-Za-z0-9_]{5,32}"))) {
            problems.add(new FieldProblem("bot_username", "must be a bot's username, 5 to 32 letters, digits or _"));
        }
        return problems;
    }

    @Override
    public ChannelCapabilities capabilities() {
        return TelegramAdapterFactory.CAPABILITIES;
    }

    @Override
    public ContentPlan plan(Content content, boolean smartEncoding) {
        return TelegramAdapterFactory.planTelegram(content);
    }

    @Override
    public int defaultRatePerSecond() {
        return 30;
    }

    @Override
    public int maxRatePerSecond() {
        return 1_000;
    }
}
