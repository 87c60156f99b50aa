package dev.recado.channels.sandbox;

import dev.recado.channels.webchat.WebchatAdapterFactory;
import dev.recado.common.FieldProblem;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.ChannelCapabilities;
import dev.recado.messaging.spi.ContentPlan;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SettingField;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Provider {@code sandbox_webchat}: web chat needs no outside provider, so its sandbox twin is the real
 * widget under a sandbox provider name. Everything is the {@code webchat} provider's (settings, the
 * socket, the allowed-origin check); the name only tells the platform this sender is the sandbox's
 * own (the virtual phone visits it), not a channel the business set up.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
class SandboxWebchatFactory implements ChannelAdapterFactory {

    private final WebchatAdapterFactory widget;

    SandboxWebchatFactory(WebchatAdapterFactory widget) {
        this.widget = widget;
    }

    @Override
    public String provider() {
        return "sandbox_webchat";
    }

    @Override
    public String channel() {
        return widget.channel();
    }

    @Override
    public Set<String> settingNames() {
        return widget.settingNames();
    }

    @Override
    public Set<String> secretSettingNames() {
        return widget.secretSettingNames();
    }

    @Override
    public List<FieldProblem> validate(Map<String, Object> settings) {
        return widget.validate(settings);
    }

    @Override
    public ChannelCapabilities capabilities() {
        return widget.capabilities();
    }

    @Override
    public ContentPlan plan(Content content, boolean smartEncoding) {
        return widget.plan(content, smartEncoding);
    }

    /** Opened by the widget's own factory, so the socket's handshake finds it like any widget. */
    @Override
    public ChannelAdapter open(SenderConfig config, AdapterListener listener) {
        return widget.open(config, listener);
    }

    @Override
    public int defaultRatePerSecond() {
        return widget.defaultRatePerSecond();
    }

    @Override
    public List<SettingField> settingFields() {
        return widget.settingFields();
    }
}
