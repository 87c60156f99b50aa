package dev.recado.messaging.spi;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider that calls us over HTTP (WhatsApp Cloud API, later Telegram and RCS). The engine owns
 * the endpoint ({@code /hooks/{provider}/{sender}}) and its discipline: {@link #verify} before
 * anything is stored, the raw body stored once under {@link #eventKey}, 200 at once, then
 * {@link #parse} on a worker, whose receipts and inbound messages are applied idempotently.
 */
public interface ProviderWebhooks {

    /**
     * A subscription handshake ({@code GET}): the body to answer with 200, or empty when the
     * request is not this sender's (answered 403). Header and parameter names are as sent.
     */
    Optional<String> handshake(SenderConfig sender, Map<String, String> query);

    /**
     * A set-up request posted to the webhook (RBM posts {@code clientToken} and a {@code secret} to
     * echo): the plain-text body to answer with 200, storing nothing; empty for any other POST.
     */
    default Optional<String> setup(SenderConfig sender, byte[] body) {
        return Optional.empty();
    }

    /** Whether the raw body comes from the provider (a signature over it). Headers keyed in lower case. */
    boolean verify(SenderConfig sender, Map<String, String> headers, byte[] body);

    /** A key the same event keeps when the provider delivers it again; by default a digest of the body. */
    default String eventKey(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a stored event says; throws {@link IllegalArgumentException} for a body it cannot read. */
    ProviderEvent parse(SenderConfig sender, byte[] body);

    /**
     * Receipts, inbound messages and template status changes read from one event (any may be
     * empty); a template change names the template by name and language, its category null when
     * the provider did not say.
     */
    record ProviderEvent(List<ProviderReceipt> receipts, List<ProviderInbound> inbound, List<ProviderTemplate> templates) {

        public ProviderEvent(List<ProviderReceipt> receipts, List<ProviderInbound> inbound) {
            this(receipts, inbound, List.of());
        }
    }
}
