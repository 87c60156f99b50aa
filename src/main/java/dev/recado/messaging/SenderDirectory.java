package dev.recado.messaging;

import dev.recado.common.PublicId;
import dev.recado.common.Redacted;
import dev.recado.messaging.internal.SenderService;
import dev.recado.messaging.spi.ProviderTemplate;
import dev.recado.messaging.spi.SettingField;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * A workspace's sender accounts with their live connection state, for pages outside this module
 * (the console): list, add, edit, test, enable, disable and choose the default. Every change goes
 * through the same rules as the API (/v1/senders); refusals are the API's problem details.
 */
@Service
public class SenderDirectory {

    /** More sender accounts than any workspace has; the list is not paged. */
    static final int MAX_SENDERS = 200;

    /**
     * A sender as a page shows it; {@code status} is live (connected, reconnecting, throttled...),
     * {@code settings} are its provider settings without secrets, {@code storedSecrets} the names
     * of the secrets it has, {@code webhookUrl} where its provider posts (null when it does not),
     * {@code derived} what the provider derives from the settings, as the API shows it (email's
     * {@code dkim}: the DNS record and the DMARC alignment).
     */
    public record SenderView(String id, String channel, String provider, String name, String status,
            int ratePerSecond, int window, boolean isDefault, boolean enabled, Map<String, Object> settings,
            String webhookUrl, java.util.Set<String> storedSecrets, Map<String, Object> derived) {

        /** Never the secrets: a record's own toString would print them into any log line. */
        @Override
        public String toString() {
            return Redacted.toString(this);
        }
    }

    /** What a connection test found; {@code detail} is what the provider said, when it said something. */
    public record TestResult(boolean connected, String state, long millis, String detail) {
    }

    /** A provider a sender can be created with, and the settings its form asks for. */
    public record ProviderForm(String channel, String provider, boolean sandbox, boolean callsUs, boolean templates,
            List<SettingField> fields) {
    }

    /** What a template sync did: how many templates it stored, or why it could not. */
    public record TemplateSync(boolean synced, int count, String error) {
    }

    private static final Duration TEST_PATIENCE = Duration.ofSeconds(10);

    private final SenderService senders;
    private final dev.recado.messaging.internal.TemplateSubmissions submissions;

    SenderDirectory(SenderService senders, dev.recado.messaging.internal.TemplateSubmissions submissions) {
        this.senders = senders;
        this.submissions = submissions;
    }

    /** Newest first. */
    public List<SenderView> list(long workspaceId) {
        return senders.list(workspaceId, Long.MAX_VALUE, MAX_SENDERS).stream().map(this::view).toList();
    }

    public SenderView get(long workspaceId, String id) {
        return view(senders.require(workspaceId, parse(id)));
    }

    /** The body is the API's POST /v1/senders. */
    public SenderView create(long workspaceId, Map<String, Object> body) {
        return view(senders.create(workspaceId, body));
    }

    /** The body is the API's PATCH /v1/senders/{id}. */
    public SenderView update(long workspaceId, String id, Map<String, Object> body) {
        return view(senders.update(workspaceId, parse(id), body));
    }

    public TestResult test(long workspaceId, String id) {
        var result = senders.test(workspaceId, parse(id), TEST_PATIENCE);
        return new TestResult(result.connected(), result.state(), result.millis(), result.detail());
    }

    /** The providers a sender can be created with (sandbox twins included), by channel. */
    public List<ProviderForm> providers() {
        return senders.providers().stream().map(p -> new ProviderForm(p.channel(), p.provider(), p.sandbox(),
                p.callsUs(), p.templates(), p.fields())).toList();
    }

    /** The provider's templates for this sender (WhatsApp's), by name and language. */
    public List<ProviderTemplate> templates(long workspaceId, String id) {
        return senders.templates(workspaceId, parse(id));
    }

    public TemplateSync syncTemplates(long workspaceId, String id) {
        var done = senders.syncTemplates(workspaceId, parse(id));
        return new TemplateSync(done.synced(), done.count(), done.error());
    }

    /** The body is the API's POST /v1/senders/{id}/templates; refusals are its problems. */
    public ProviderTemplate submitTemplate(long workspaceId, String id, Map<String, Object> body) {
        return submissions.submit(workspaceId, parse(id), body);
    }

    private static long parse(String id) {
        return PublicId.require("snd_", id, "Sender");
    }

    private SenderView view(Sender s) {
        return new SenderView(PublicId.of("snd_", s.id()), s.channel(), s.provider(), s.name(),
                senders.state(s).toString(), s.ratePerSecond(), s.window(), s.isDefault(), s.enabled(),
                senders.visibleSettings(s), senders.webhookUrl(s), senders.storedSecrets(s),
                senders.derivedFields(s));
    }
}
