package dev.recado.channels.rcs.internal;

import dev.recado.messaging.Content;
import dev.recado.messaging.spi.ProviderInbound;
import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.ProviderReceipt.ReceiptState;
import dev.recado.messaging.spi.ProviderWebhooks;
import dev.recado.messaging.spi.SenderConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * What RBM posts to the agent's webhook: a Pub/Sub-style envelope {@code {"message": {"data":
 * <base64 event>, ...}}} whose decoded event is either a user event ({@code eventType} DELIVERED,
 * READ, IS_TYPING about {@code messageId}) or a user message ({@code text}, {@code
 * suggestionResponse} with its {@code postbackData}, {@code location}, or {@code userFile}). Verified as Google
 * documents it: {@code X-Goog-Signature} is the base64 HMAC-SHA512, keyed with the webhook's client
 * token, of the decoded event; compared in constant time. The webhook set-up POST ({@code
 * clientToken}, {@code secret}) is answered with the secret when the client token is this sender's.
 */
public final class RbmWebhooks implements ProviderWebhooks {

    private final RcsStore store;

    public RbmWebhooks(RcsStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> handshake(SenderConfig sender, Map<String, String> query) {
        return Optional.empty();
    }

    @Override
    public Optional<String> setup(SenderConfig sender, byte[] body) {
        JsonNode root = readOrNull(body);
        if (root == null || !root.has("clientToken") || !root.has("secret") || root.has("message")) {
            return Optional.empty();
        }
        byte[] expected = RbmSettings.from(sender.settings()).clientToken().getBytes(StandardCharsets.UTF_8);
        byte[] given = root.path("clientToken").asString("").getBytes(StandardCharsets.UTF_8);
        String secret = root.path("secret").asString("");
        return MessageDigest.isEqual(expected, given) && secret.matches("[\\x21-\\x7e]{1,256}") ? Optional.of(secret)
                : Optional.empty();
    }

    @Override
    public boolean verify(SenderConfig sender, Map<String, String> headers, byte[] body) {
        String header = headers.get("x-goog-signature");
        byte[] event = event(body);
        if (header == null || event == null) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.strip());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(signature(RbmSettings.from(sender.settings()).clientToken(), event), given);
    }

    /** HMAC-SHA512 of the decoded event, keyed with the client token, the way RBM signs it. */
    public static byte[] signature(String clientToken, byte[] event) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(clientToken.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return mac.doFinal(event);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RBM's own ids: the same event or message redelivered in another envelope is still one. */
    @Override
    public String eventKey(byte[] body) {
        JsonNode e = readOrNull(event(body));
        if (e != null && !e.path("eventId").asString("").isBlank()) {
            return "event:" + e.path("eventId").asString();
        }
        if (e != null && e.path("eventType").isMissingNode() && !e.path("messageId").asString("").isBlank()) {
            return "message:" + e.path("messageId").asString();
        }
        return ProviderWebhooks.super.eventKey(body);
    }

    @Override
    public ProviderEvent parse(SenderConfig sender, byte[] body) {
        JsonNode e = readOrNull(event(body));
        if (e == null) {
            throw new IllegalArgumentException("not an RBM event envelope");
        }
        String agent = RbmSettings.from(sender.settings()).agentId();
        if (e.has("agentId") && !agent.equals(e.path("agentId").asString())) {
            return new ProviderEvent(List.of(), List.of());
        }
        String from = e.path("senderPhoneNumber").asString(null);
        String messageId = e.path("messageId").asString(null);
        Instant at = time(e.path("sendTime").asString(null));
        if (e.has("eventType")) {
            ReceiptState state = switch (e.path("eventType").asString("")) {
                case "DELIVERED" -> ReceiptState.DELIVERED;
                case "READ" -> ReceiptState.READ;
                default -> null;
            };
            if (state == null || messageId == null) {
                return new ProviderEvent(List.of(), List.of());
            }
            // delivered: nothing to revoke when the validity ends (idempotent, so a redelivery is harmless)
            store.settled(sender.senderId(), messageId);
            return new ProviderEvent(List.of(new ProviderReceipt(messageId, state, null, null, at)), List.of());
        }
        Content content;
        if (e.has("suggestionResponse")) {
            JsonNode s = e.path("suggestionResponse");
            content = new Content.Reply("suggestion", s.path("postbackData").asString(null), s.path("text").asString(null));
        } else if (e.has("location")) {
            JsonNode l = e.path("location");
            content = new Content.Location(l.path("latitude").asDouble(0), l.path("longitude").asDouble(0), null, null);
        } else if (e.has("text")) {
            content = new Content.Text(e.path("text").asString(""));
        } else if (e.path("userFile").path("payload").hasNonNull("fileUri")) {
            // the file is fetched after the commit into the media store, by its URL (the media id)
            JsonNode f = e.path("userFile").path("payload");
            String mime = f.path("mimeType").asString(null);
            String kind = mime == null ? "document" : mime.startsWith("image/") ? "image" : mime.startsWith("video/") ? "video"
                    : mime.startsWith("audio/") ? "audio" : "document";
            content = new Content.Media(kind, null, null, f.path("fileUri").asString(), mime,
                    f.hasNonNull("fileSizeBytes") ? f.path("fileSizeBytes").asLong() : null, null, f.path("fileName").asString(null));
        } else {
            content = new Content.Text("[" + (e.has("userFile") ? "file" : "unknown") + "]");
        }
        if (from == null || messageId == null) {
            throw new IllegalArgumentException("a user message without senderPhoneNumber or messageId");
        }
        return new ProviderEvent(List.of(), List.of(new ProviderInbound(digits(from), null, content.summary(), messageId,
                at, content, null, null)));
    }

    private static byte[] event(byte[] body) {
        JsonNode root = readOrNull(body);
        String data = root == null ? null : root.path("message").path("data").asString(null);
        if (data == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static JsonNode readOrNull(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            JsonNode node = RbmPayloads.JSON.readTree(bytes);
            return node.isObject() ? node : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Instant time(String value) {
        try {
            return value == null ? Instant.now() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    private static String digits(String number) {
        return number.replaceAll("[^0-9]", "");
    }
}
