package dev.recado.channels.telegram;

import dev.recado.channels.telegram.internal.BotApi;
import dev.recado.channels.telegram.internal.TelegramChannelAdapter;
import dev.recado.channels.telegram.internal.TelegramSettings;
import dev.recado.channels.telegram.internal.TelegramWebhooks;
import dev.recado.common.FieldProblem;
import dev.recado.common.OutboundTargets;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.ChannelCapabilities;
import dev.recado.messaging.spi.ContentPlan;
import dev.recado.messaging.spi.ProviderWebhooks;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.ConnectionCheck;
import dev.recado.messaging.spi.SettingField;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A Telegram bot over the Bot API ({@code provider: telegram}). Settings: {@code bot_token} (a
 * secret), {@code api_base_url} (default {@code https://api.telegram.org}) and {@code webhook_secret}
 * (a secret; derived from the token when not given). People are addressed by chat id, a contact's
 * {@code telegram} id; {@code to} may be a contact id linked to a chat or a raw chat id. A bot sends
 * 30 messages a second unless set otherwise (Telegram's broadcast limit).
 */
@Component
public class TelegramAdapterFactory implements ChannelAdapterFactory {

    public static final ChannelCapabilities CAPABILITIES = new ChannelCapabilities(Set.of("text", "media", "interactive"),
            false, Set.of("image", "document"), 100, false, BotApi.MAX_TEXT, "message", "telegram", true);

    private final OutboundTargets targets;
    private final ProviderWebhooks webhooks;

    public TelegramAdapterFactory(OutboundTargets targets, TelegramLinks links) {
        this.targets = targets;
        this.webhooks = new TelegramWebhooks(targets, links);
    }

    @Override
    public String provider() {
        return "telegram";
    }

    @Override
    public String channel() {
        return "telegram";
    }

    @Override
    public Set<String> settingNames() {
        return TelegramSettings.NAMES;
    }

    @Override
    public Set<String> secretSettingNames() {
        return TelegramSettings.SECRETS;
    }

    @Override
    public List<FieldProblem> validate(Map<String, Object> settings) {
        return TelegramSettings.validate(settings);
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public ContentPlan plan(Content content, boolean smartEncoding) {
        return planTelegram(content);
    }

    /** Shared with the sandbox twin: text, photo or document, and an inline keyboard of reply buttons. */
    public static ContentPlan planTelegram(Content content) {
        return BotApi.plan(content);
    }

    @Override
    public ChannelAdapter open(SenderConfig config, AdapterListener listener) {
        return TelegramChannelAdapter.open(config, listener, targets);
    }

    @Override
    public int defaultRatePerSecond() {
        return 30;
    }

    @Override
    public int maxRatePerSecond() {
        return 1_000;
    }

    @Override
    public Optional<ProviderWebhooks> webhooks() {
        return Optional.of(webhooks);
    }

    private static final List<SettingField> FIELDS = List.of(SettingField.secret("bot_token").asRequired(),
            SettingField.text("bot_username"), SettingField.secret("webhook_secret").asAdvanced(),
            SettingField.text("api_base_url").asAdvanced());

    @Override
    public List<SettingField> settingFields() {
        return FIELDS;
    }

    @Override
    public ConnectionCheck testConnection(SenderConfig config, java.time.Duration patience) {
        try {
            return TelegramChannelAdapter.check(config, targets, patience);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionCheck.failed("interrupted");
        }
    }
}
