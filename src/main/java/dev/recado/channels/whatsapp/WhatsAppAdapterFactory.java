package dev.recado.channels.whatsapp;

import dev.recado.channels.whatsapp.internal.GraphAccount;
import dev.recado.channels.whatsapp.internal.TemplateRules;
import dev.recado.channels.whatsapp.internal.WhatsAppChannelAdapter;
import dev.recado.channels.whatsapp.internal.WhatsAppContentRules;
import dev.recado.channels.whatsapp.internal.WhatsAppSettings;
import dev.recado.channels.whatsapp.internal.WhatsAppWebhooks;
import dev.recado.common.FieldProblem;
import dev.recado.common.OutboundTargets;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.ChannelCapabilities;
import dev.recado.messaging.spi.ConnectionCheck;
import dev.recado.messaging.spi.ContentPlan;
import dev.recado.messaging.spi.ProviderTemplate;
import dev.recado.messaging.spi.SettingField;
import dev.recado.messaging.spi.ProviderWebhooks;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.TemplateSubmission;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * WhatsApp Business over Meta's Cloud API ({@code provider: whatsapp}). Settings:
 * {@code phone_number_id}, {@code business_account_id}, {@code access_token} and {@code app_secret}
 * (secrets), {@code verify_token} (a secret, for the webhook handshake), {@code api_base_url}
 * (default {@code https://graph.facebook.com}), {@code graph_version} (default {@code v23.0}) and
 * {@code mark_read} (default true: customers' messages are marked read at Meta once stored).
 * Free-form content needs the customer's 24-hour service window; outside it only a template.
 * A number sends 80 messages a second unless set higher (Meta allows up to 1,000).
 */
@Component
public class WhatsAppAdapterFactory implements ChannelAdapterFactory {

    public static final ChannelCapabilities CAPABILITIES = new ChannelCapabilities(
            Set.of("text", "media", "template", "interactive", "location", "catalog"), true,
            Set.of("image", "video", "audio", "document", "sticker"), 3, true, WhatsAppContentRules.MAX_TEXT, "message",
            "phone", true);

    private static final ProviderWebhooks WEBHOOKS = new WhatsAppWebhooks();

    private final OutboundTargets targets;

    public WhatsAppAdapterFactory(OutboundTargets targets) {
        this.targets = targets;
    }

    @Override
    public String provider() {
        return "whatsapp";
    }

    @Override
    public String channel() {
        return "whatsapp";
    }

    @Override
    public Set<String> settingNames() {
        return WhatsAppSettings.NAMES;
    }

    @Override
    public Set<String> secretSettingNames() {
        return WhatsAppSettings.SECRETS;
    }

    @Override
    public List<FieldProblem> validate(Map<String, Object> settings) {
        return WhatsAppSettings.validate(settings);
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public ContentPlan plan(Content content, boolean smartEncoding) {
        return planWhatsApp(content);
    }

    /** Shared with the sandbox twin: what the Cloud API accepts, with the field named. */
    public static ContentPlan planWhatsApp(Content content) {
        return WhatsAppContentRules.plan(content);
    }

    @Override
    public ChannelAdapter open(SenderConfig config, AdapterListener listener) {
        return WhatsAppChannelAdapter.open(config, WhatsAppSettings.from(config.settings()), listener, targets);
    }

    @Override
    public boolean marksRead(Map<String, Object> settings) {
        return !Boolean.FALSE.equals(settings.get("mark_read"));
    }

    /** Error 131056, the pair rate: too many messages from this number to one user. */
    @Override
    public boolean pacesRecipients() {
        return true;
    }

    @Override
    public int defaultRatePerSecond() {
        return 80;
    }

    @Override
    public int maxRatePerSecond() {
        return 1_000;
    }

    @Override
    public Optional<ProviderWebhooks> webhooks() {
        return Optional.of(WEBHOOKS);
    }

    private static final List<SettingField> FIELDS = List.of(SettingField.text("phone_number_id").asRequired(),
            SettingField.text("business_account_id"), SettingField.secret("access_token").asRequired(),
            SettingField.secret("app_secret").asRequired(), SettingField.secret("verify_token"),
            SettingField.text("api_base_url").asAdvanced(), SettingField.text("graph_version").asAdvanced());

    @Override
    public List<SettingField> settingFields() {
        return FIELDS;
    }

    /** {@code GET /{phone-number-id}}: the token works for this number, and Meta says which number it is. */
    @Override
    public ConnectionCheck testConnection(SenderConfig config, Duration patience) {
        try {
            return new GraphAccount(config.settings(), targets, config.workspaceId(), patience).check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionCheck.failed("interrupted");
        }
    }

    @Override
    public boolean syncsTemplates() {
        return true;
    }

    @Override
    public Optional<List<ProviderTemplate>> readTemplates(SenderConfig config) throws IOException, InterruptedException {
        return Optional.of(new GraphAccount(config.settings(), targets, config.workspaceId(), Duration.ofSeconds(20))
                .templates());
    }

    /** Meta prices delivered messages: one that never arrives is not charged. */
    @Override
    public boolean chargesOnDelivery() {
        return true;
    }

    @Override
    public boolean submitsTemplates() {
        return true;
    }

    @Override
    public List<FieldProblem> checkTemplate(TemplateSubmission template) {
        return checkWhatsAppTemplate(template);
    }

    /** Shared with the sandbox twin: Meta's rules for a template submitted for review. */
    public static List<FieldProblem> checkWhatsAppTemplate(TemplateSubmission template) {
        return TemplateRules.check(template);
    }

    /** {@code POST /{waba-id}/message_templates}; Meta's review arrives later as a status webhook. */
    @Override
    public ProviderTemplate submitTemplate(SenderConfig config, TemplateSubmission template)
            throws IOException, InterruptedException {
        return new GraphAccount(config.settings(), targets, config.workspaceId(), Duration.ofSeconds(20)).submit(template);
    }
}
