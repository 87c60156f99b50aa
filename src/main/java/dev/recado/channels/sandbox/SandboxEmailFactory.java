package dev.recado.channels.sandbox;

import dev.recado.channels.email.SmtpAdapterFactory;
import dev.recado.channels.email.internal.EmailSettings;
import dev.recado.channels.email.internal.MimeComposer;
import dev.recado.common.FieldProblem;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.ChannelCapabilities;
import dev.recado.messaging.spi.ContentPlan;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.SubmitOutcome;
import jakarta.mail.Session;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Provider {@code sandbox_email}: the email channel's sandbox twin. Each message is composed exactly
 * as the SMTP sender composes it (same Message-ID and headers) and lands in the {@link SandboxMailbox}
 * instead of a mail server, so the virtual phone shows it. Like SMTP it ends at {@code sent}.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
class SandboxEmailFactory implements ChannelAdapterFactory {

    static final String FROM = "hola@sandbox.recado.dev";
    private static final Session SESSION = Session.getInstance(new Properties());

    private final SandboxMailbox mailbox;
    private final Clock clock;

    SandboxEmailFactory(SandboxMailbox mailbox, Clock clock) {
        this.mailbox = mailbox;
        this.clock = clock;
    }

    @Override
    public String provider() {
        return "sandbox_email";
    }

    @Override
    public String channel() {
        return "email";
    }

    @Override
    public Set<String> settingNames() {
        return Set.of("from_address", "from_name", "reply_to");
    }

    @Override
    public Set<String> secretSettingNames() {
        return Set.of();
    }

    /** The SMTP rules for the settings it shares; the server settings are the sandbox's own. */
    @Override
    public List<FieldProblem> validate(Map<String, Object> settings) {
        return EmailSettings.validate(smtpSettings(settings));
    }

    @Override
    public ChannelCapabilities capabilities() {
        return SmtpAdapterFactory.CAPABILITIES;
    }

    @Override
    public ContentPlan plan(Content content, boolean smartEncoding) {
        return SmtpAdapterFactory.planEmail(content);
    }

    @Override
    public ChannelAdapter open(SenderConfig config, AdapterListener listener) {
        EmailSettings settings = EmailSettings.from(smtpSettings(config.settings()));
        mailbox.opened(config.workspaceId(), listener);
        listener.onStateChange(SenderState.CONNECTED);
        return new ChannelAdapter() {
            @Override
            public CompletableFuture<SubmitOutcome> submit(OutboundMessage message) {
                return CompletableFuture.completedFuture(deliver(config.workspaceId(), settings, message));
            }

            @Override
            public SenderState state() {
                return SenderState.CONNECTED;
            }

            @Override
            public void close() {
                mailbox.closed(config.workspaceId(), listener);
            }
        };
    }

    private SubmitOutcome deliver(long workspaceId, EmailSettings settings, OutboundMessage message) {
        try {
            var mime = MimeComposer.compose(SESSION, settings, message, clock.instant());
            var email = (Content.Email) message.content();
            mailbox.deliver(workspaceId, message.reference(), mime.getMessageID(), message.to(),
                    String.join(", ", mime.getHeader("From")), email.subject(), email.html(), email.text(),
                    String.join("\r\n", Collections.list(mime.getAllHeaderLines())));
            return new SubmitOutcome.Accepted(List.of(mime.getMessageID()));
        } catch (Exception e) {
            return new SubmitOutcome.Transient("sandbox_error", String.valueOf(e.getMessage()), false, null);
        }
    }

    private static Map<String, Object> smtpSettings(Map<String, Object> settings) {
        Map<String, Object> smtp = new LinkedHashMap<>(settings);
        smtp.put("smtp_host", "sandbox.invalid");
        smtp.put("tls", "none");
        smtp.putIfAbsent("from_address", FROM);
        return smtp;
    }
}
