package dev.recado.channels.webchat;

import dev.recado.channels.webchat.internal.WebchatChannelAdapter;
import dev.recado.channels.webchat.internal.WebchatHub;
import dev.recado.channels.webchat.internal.WebchatStore;
import dev.recado.channels.webchat.internal.WidgetSettings;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * A chat bubble on a business's site ({@code provider: webchat}): the sender account is the widget and
 * holds its settings ({@link WidgetSettings}). Visitors are addressed by their public id, a contact's
 * {@code webchat} id; text only, up to {@link #MAX_TEXT} characters. Every node opens every enabled
 * widget, so whichever node a visitor's socket reaches finds its widget here.
 */
@Component
public class WebchatAdapterFactory implements ChannelAdapterFactory {

    public static final int MAX_TEXT = 2_000;
    public static final ChannelCapabilities CAPABILITIES = new ChannelCapabilities(Set.of("text"), false, Set.of(), 0,
            true, MAX_TEXT, "message", "webchat", true);

    private final WebchatStore store;
    private final WebchatHub hub;
    private final Map<Long, List<WebchatChannelAdapter>> open = new ConcurrentHashMap<>();

    WebchatAdapterFactory(WebchatStore store, WebchatHub hub) {
        this.store = store;
        this.hub = hub;
    }

    @Override
    public String provider() {
        return "webchat";
    }

    @Override
    public String channel() {
        return "webchat";
    }

    @Override
    public Set<String> settingNames() {
        return WidgetSettings.NAMES;
    }

    @Override
    public Set<String> secretSettingNames() {
        return Set.of();
    }

    @Override
    public List<FieldProblem> validate(Map<String, Object> settings) {
        return WidgetSettings.validate(settings);
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public ContentPlan plan(Content content, boolean smartEncoding) {
        if (!(content instanceof Content.Text text)) {
            return ContentPlan.refused("body", "web chat sends text only");
        }
        if (text.body() == null || text.body().isBlank()) {
            return ContentPlan.refused("body", "must not be empty");
        }
        if (text.body().length() > MAX_TEXT) {
            return ContentPlan.refused("body", "must be at most " + MAX_TEXT + " characters");
        }
        return ContentPlan.of(1, null);
    }

    @Override
    public ChannelAdapter open(SenderConfig config, AdapterListener listener) {
        List<WebchatChannelAdapter> opened = open.computeIfAbsent(config.senderId(), id -> new CopyOnWriteArrayList<>());
        var adapter = new WebchatChannelAdapter(config, listener, store, hub::wake, opened::remove);
        opened.add(adapter);
        return adapter;
    }

    /**
     * The widget of an enabled sender, opened on this node: the first adapter opened, since a
     * connection test opens a second one for a moment whose listener takes no messages.
     */
    public Optional<WebchatChannelAdapter> widget(long senderId) {
        var opened = open.getOrDefault(senderId, List.of());
        return opened.isEmpty() ? Optional.empty() : Optional.of(opened.getFirst());
    }

    @Override
    public int defaultRatePerSecond() {
        return 200;
    }

    private static final List<SettingField> FIELDS = List.of(SettingField.of("allowed_origins", SettingField.Kind.LIST).asRequired(),
            SettingField.text("title"), SettingField.of("greeting", SettingField.Kind.MULTILINE), SettingField.text("color"),
            SettingField.of("prechat_form", SettingField.Kind.BOOLEAN), SettingField.choice("offline", "auto", "no_agents", "always", "never"),
            SettingField.text("business_hours"), SettingField.text("timezone"),
            SettingField.of("offline_text", SettingField.Kind.MULTILINE), SettingField.text("reply_time"), SettingField.number("rate_per_minute").asAdvanced());

    @Override
    public List<SettingField> settingFields() {
        return FIELDS;
    }
}
