package dev.recado.messaging.spi;

import dev.recado.common.FieldProblem;
import dev.recado.messaging.Content;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and opens adapters by provider id ({@code smpp}, {@code sandbox}, ...). One adapter is
 * opened per sender account and lives as long as that account is enabled. The factory also speaks
 * for its channel before anything is sent: what it carries, how content becomes billable units, and
 * which of its settings are secrets.
 */
public interface ChannelAdapterFactory {

    /** The provider id stored on a sender account. */
    String provider();

    /** The channel it carries ({@code sms}, {@code whatsapp}, ...). */
    String channel();

    /** Settings this provider accepts; anything else in a sender's config is refused (422). */
    Set<String> settingNames();

    /** The settings that are secrets: never returned by the API, encrypted at rest. */
    Set<String> secretSettingNames();

    /**
     * Read-only facts derived from a sender's settings that the API shows beside them, each a
     * top-level field of the sender (email's {@code dkim} with the DNS record to publish). Never
     * secrets.
     */
    default Map<String, Object> derivedFields(Map<String, Object> settings) {
        return Map.of();
    }

    /** Validates settings before a sender is saved; returns field problems, empty when valid. */
    List<FieldProblem> validate(Map<String, Object> settings);

    ChannelCapabilities capabilities();

    /** Plans one content for this channel: units to price, encoding, or why it cannot be sent. */
    ContentPlan plan(Content content, boolean smartEncoding);

    ChannelAdapter open(SenderConfig config, AdapterListener listener);

    /** The sending rate a new sender of this provider gets when none is given (messages per second). */
    default int defaultRatePerSecond() {
        return 50;
    }

    /** The highest rate the provider allows a sender to be set to. */
    default int maxRatePerSecond() {
        return 10_000;
    }

    /** How the provider calls us (statuses, inbound), for providers that push over HTTP. */
    default Optional<ProviderWebhooks> webhooks() {
        return Optional.empty();
    }

    /**
     * The settings as a form asks for them, in the order a person fills them in. By default every
     * name in {@link #settingNames()} as text (secrets hidden), alphabetically; providers say more.
     */
    default List<SettingField> settingFields() {
        return SettingField.plain(settingNames(), secretSettingNames());
    }

    /**
     * Checks the settings against the provider once (credentials, reachability) within
     * {@code patience}, without sending anything. By default an adapter is opened and its first
     * attempt awaited; HTTP providers call something cheap the provider documents and say why it failed.
     */
    default ConnectionCheck testConnection(SenderConfig config, java.time.Duration patience) {
        return ConnectionCheck.byOpening(this, config, patience);
    }

    /**
     * For a provider that refuses destinations it learns cannot receive its messages (RCS), where
     * those answers are cached for a sender with these settings; empty when every destination is
     * taken (SMS, the sandbox twins).
     */
    default Optional<ReachCache> reachCache(Map<String, Object> settings) {
        return Optional.empty();
    }

    /** Whether the provider holds templates for an account that {@link #readTemplates} reads. */
    default boolean syncsTemplates() {
        return false;
    }

    /** Whether a sender with these settings marks customers' messages read at the provider. */
    default boolean marksRead(java.util.Map<String, Object> settings) {
        return false;
    }

    /**
     * The provider's templates for this account read now (the list the adapter's own sync hands
     * to {@link AdapterListener#onTemplates}), or empty for providers without templates.
     *
     * @throws java.io.IOException when the provider cannot be reached or refuses, with its reason
     */
    default Optional<List<ProviderTemplate>> readTemplates(SenderConfig config)
            throws java.io.IOException, InterruptedException {
        return Optional.empty();
    }

    /**
     * Whether the provider can refuse a message because its recipient gets too many
     * ({@link SubmitOutcome.Transient#recipientPaced()}): the dispatcher then keeps messages to a
     * recipient on hold from being submitted until the hold ends.
     */
    default boolean pacesRecipients() {
        return false;
    }

    /**
     * Whether messages of this provider are charged when delivered (or read) rather than when the
     * provider accepts them: until then the price stays reserved, and a message that fails to
     * arrive gives it back. WhatsApp prices delivered messages only.
     */
    default boolean chargesOnDelivery() {
        return false;
    }

    /** Whether a sender of this provider can submit templates for the provider's review. */
    default boolean submitsTemplates() {
        return false;
    }

    /** The provider's rules for a template to submit, each problem naming its field; empty when it may go. */
    default List<FieldProblem> checkTemplate(TemplateSubmission template) {
        return List.of(new FieldProblem("sender", provider() + " takes no template submissions"));
    }

    /**
     * Submits a checked template for review and answers it as the provider holds it now (usually
     * {@code pending}; the provider's webhook tells the rest).
     *
     * @throws TemplateRefused when the provider refuses it, with its reason
     * @throws java.io.IOException when the provider cannot be reached
     */
    default ProviderTemplate submitTemplate(SenderConfig config, TemplateSubmission template)
            throws java.io.IOException, InterruptedException {
        throw new UnsupportedOperationException(provider() + " takes no template submissions");
    }

    /** The provider read a submitted template and refused it (a duplicate, a rule it checks itself). */
    final class TemplateRefused extends java.io.IOException {

        private final boolean duplicate;

        public TemplateRefused(String message, boolean duplicate) {
            super(message);
            this.duplicate = duplicate;
        }

        public boolean duplicate() {
            return duplicate;
        }
    }
}
