package dev.recado.channels.rcs;

import dev.recado.channels.rcs.internal.RbmChannelAdapter;
import dev.recado.channels.rcs.internal.RbmContentRules;
import dev.recado.channels.rcs.internal.RbmSettings;
import dev.recado.channels.rcs.internal.RbmWebhooks;
import dev.recado.channels.rcs.internal.RcsStore;
import dev.recado.common.FieldProblem;
import dev.recado.common.OutboundTargets;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.ChannelCapabilities;
import dev.recado.messaging.spi.ContentPlan;
import dev.recado.messaging.spi.ProviderWebhooks;
import dev.recado.messaging.spi.ReachCache;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SettingField;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * RCS through Google's RBM REST API ({@code provider: rbm}, channel {@code rcs}). Settings:
 * {@code agent_id}, {@code service_account_json} or {@code access_token} (secrets),
 * {@code client_token} (a secret: signs RBM's webhooks) and {@code api_base_url} (default
 * {@code https://rcsbusinessmessaging.googleapis.com}). Carries text and {@code card} content (rich
 * cards, carousels, suggested replies and actions), one priced unit per message.
 */
@Component
public class RbmAdapterFactory implements ChannelAdapterFactory {

    public static final ChannelCapabilities CAPABILITIES = new ChannelCapabilities(Set.of("text", "card"), false,
            Set.of(), 11, true, RbmContentRules.MAX_TEXT, "message", "phone", true);

    private final OutboundTargets targets;
    private final RcsStore store;
    private final Clock clock;
    private final Duration sweep;
    private final ProviderWebhooks webhooks;

    RbmAdapterFactory(OutboundTargets targets, RcsStore store, Clock clock,
            @Value("${recado.rcs.expiry-sweep:PT10S}") Duration sweep) {
        this.targets = targets;
        this.store = store;
        this.clock = clock;
        this.sweep = sweep;
        this.webhooks = new RbmWebhooks(store);
    }

    @Override
    public String provider() {
        return "rbm";
    }

    @Override
    public String channel() {
        return "rcs";
    }

    @Override
    public Set<String> settingNames() {
        return RbmSettings.NAMES;
    }

    @Override
    public Set<String> secretSettingNames() {
        return RbmSettings.SECRETS;
    }

    @Override
    public List<FieldProblem> validate(Map<String, Object> settings) {
        return RbmSettings.validate(settings);
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public ContentPlan plan(Content content, boolean smartEncoding) {
        return planRcs(content);
    }

    /** Shared with the sandbox twin: what RBM accepts, with the field named. */
    public static ContentPlan planRcs(Content content) {
        return RbmContentRules.plan(content);
    }

    @Override
    public ChannelAdapter open(SenderConfig config, AdapterListener listener) {
        return RbmChannelAdapter.open(config, RbmSettings.from(config.settings()), listener, targets, store, clock, sweep);
    }

    /** Customers see their messages read: a READ agent event once each is stored (RBM's read receipt). */
    /** The agent's capability answers, as the adapter reads them before each send. */
    @Override
    public Optional<ReachCache> reachCache(Map<String, Object> settings) {
        return settings.get("agent_id") instanceof String agent
                ? Optional.of(new ReachCache(agent, store.capabilityTtl())) : Optional.empty();
    }

    @Override
    public boolean marksRead(java.util.Map<String, Object> settings) {
        return true;
    }

    @Override
    public Optional<ProviderWebhooks> webhooks() {
        return Optional.of(webhooks);
    }

    private static final List<SettingField> FIELDS = List.of(SettingField.text("agent_id").asRequired(),
            SettingField.of("service_account_json", SettingField.Kind.SECRET_MULTILINE),
            SettingField.secret("access_token"), SettingField.secret("client_token").asRequired(),
            SettingField.text("api_base_url").asAdvanced());

    @Override
    public List<SettingField> settingFields() {
        return FIELDS;
    }
}
