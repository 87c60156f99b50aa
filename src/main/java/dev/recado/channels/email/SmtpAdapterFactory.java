package dev.recado.channels.email;

import dev.recado.channels.email.internal.Attachments;
import dev.recado.channels.email.internal.DkimSettings;
import dev.recado.channels.email.internal.EmailSettings;
import dev.recado.channels.email.internal.MailboxCursors;
import dev.recado.channels.email.internal.SmtpChannelAdapter;
import dev.recado.common.FieldProblem;
import dev.recado.common.OutboundTargets;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.ChannelCapabilities;
import dev.recado.messaging.spi.ContentPlan;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SettingField;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP ({@code provider: smtp}, Jakarta Mail through Eclipse Angus). Settings:
 * {@code smtp_host}, {@code smtp_port} (by {@code tls}: 587, 465 or 25), {@code username},
 * {@code password} (a secret), {@code from_address}, {@code from_name}, {@code reply_to},
 * {@code tls} ({@code starttls}, required; {@code implicit}; {@code none}) and
 * {@code unsubscribe_address} (the mailbox of marketing's List-Unsubscribe; {@code from_address}
 * when absent), and optionally a mailbox read over IMAP for bounces and replies ({@code imap_host},
 * {@code imap_port}, {@code imap_username}, {@code imap_password} (a secret), {@code imap_tls},
 * {@code bounce_folder}, {@code inbound_folder}), and a DKIM key to sign with ({@code dkim_domain},
 * {@code dkim_selector}, {@code dkim_private_key}, a secret). The host is checked against internal addresses when the sender is saved and again
 * at each connection.
 */
@Component
public class SmtpAdapterFactory implements ChannelAdapterFactory {

    /** One email is one unit, whatever its size; the price list prices email per message. */
    public static final ChannelCapabilities CAPABILITIES = new ChannelCapabilities(Set.of("email"), false, Set.of(), 0,
            false, 1_000_000, "message", "email", false);

    private final OutboundTargets targets;
    private final Clock clock;
    private final MailboxCursors cursors;
    private final Duration mailboxPoll;

    public SmtpAdapterFactory(OutboundTargets targets, Clock clock, MailboxCursors cursors,
            @Value("${recado.email.mailbox-poll-millis:60000}") long mailboxPollMillis) {
        this.targets = targets;
        this.clock = clock;
        this.cursors = cursors;
        this.mailboxPoll = Duration.ofMillis(mailboxPollMillis);
    }

    @Override
    public String provider() {
        return "smtp";
    }

    @Override
    public String channel() {
        return "email";
    }

    @Override
    public Set<String> settingNames() {
        return EmailSettings.NAMES;
    }

    @Override
    public Set<String> secretSettingNames() {
        return Set.of("password", "imap_password", "dkim_private_key");
    }

    /**
     * {@code dkim}: the domain, selector, algorithm and TXT record of a signing sender, and its DMARC
     * alignment with the From address; never its private key.
     */
    @Override
    public Map<String, Object> derivedFields(Map<String, Object> settings) {
        return DkimSettings.published(settings);
    }

    @Override
    public List<FieldProblem> validate(Map<String, Object> settings) {
        return EmailSettings.validate(settings);
    }

    @Override
    public ChannelCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public ContentPlan plan(Content content, boolean smartEncoding) {
        return planEmail(content);
    }

    /** Shared with the sandbox twin: an email is one unit; attachments are checked in shape (fetched when sent). */
    public static ContentPlan planEmail(Content content) {
        if (!(content instanceof Content.Email email)) {
            return ContentPlan.refused(content.kind(), "email carries email content: subject with html and/or body");
        }
        if (email.attachments() != null && !email.attachments().isEmpty()) {
            var problems = Attachments.check(email.attachments());
            if (!problems.isEmpty()) {
                return new ContentPlan(0, null, problems);
            }
        }
        return ContentPlan.of(1, null);
    }

    @Override
    public ChannelAdapter open(SenderConfig config, AdapterListener listener) {
        return SmtpChannelAdapter.open(config, EmailSettings.from(config.settings()), listener, targets, clock, cursors,
                mailboxPoll);
    }

    private static final List<SettingField> FIELDS = List.of(SettingField.text("smtp_host").asRequired(),
            SettingField.number("smtp_port"), SettingField.choice("tls", "starttls", "implicit", "none"),
            SettingField.text("username"), SettingField.secret("password"), SettingField.text("from_address").asRequired(),
            SettingField.text("from_name"), SettingField.text("reply_to"), SettingField.text("unsubscribe_address").asAdvanced(),
            SettingField.text("imap_host").asAdvanced(), SettingField.number("imap_port").asAdvanced(),
            SettingField.choice("imap_tls", "starttls", "implicit", "none").asAdvanced(),
            SettingField.text("imap_username").asAdvanced(), SettingField.secret("imap_password").asAdvanced(),
            SettingField.text("bounce_folder").asAdvanced(), SettingField.text("inbound_folder").asAdvanced(),
            SettingField.text("dkim_domain").asAdvanced(), SettingField.text("dkim_selector").asAdvanced(),
            SettingField.of("dkim_private_key", SettingField.Kind.SECRET_MULTILINE).asAdvanced());

    @Override
    public List<SettingField> settingFields() {
        return FIELDS;
    }
}
