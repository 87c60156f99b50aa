package dev.recado.channels.whatsapp.internal;

import dev.recado.messaging.Content;
import dev.recado.messaging.spi.ProviderInbound;
import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.ProviderTemplate;
import dev.recado.messaging.spi.ProviderReceipt.ReceiptState;
import dev.recado.messaging.spi.ProviderWebhooks;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SettingChecks;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * Meta's webhooks for one number: the subscription handshake ({@code hub.mode=subscribe},
 * {@code hub.verify_token}, {@code hub.challenge}), the {@code X-Hub-Signature-256} check (HMAC-SHA256
 * of the raw body with the app secret, compared in constant time), and the {@code messages} field's
 * {@code entry[].changes[].value}: {@code statuses} become receipts, {@code messages} inbound messages.
 * Changes for another phone number id are not this sender's and are skipped.
 */
public final class WhatsAppWebhooks implements ProviderWebhooks {

    @Override
    public Optional<String> handshake(SenderConfig sender, Map<String, String> query) {
        // the one setting this needs, read alone as verify does: the record is validated when saved
        String verifyToken = SettingChecks.string(sender.settings(), "verify_token", null);
        String challenge = query.get("hub.challenge");
        if (!"subscribe".equals(query.get("hub.mode")) || verifyToken == null || challenge == null
                || !challenge.matches("[A-Za-z0-9_.-]{1,200}")) {
            return Optional.empty();
        }
        byte[] expected = verifyToken.getBytes(StandardCharsets.UTF_8);
        byte[] given = String.valueOf(query.get("hub.verify_token")).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given) ? Optional.of(challenge) : Optional.empty();
    }

    @Override
    public boolean verify(SenderConfig sender, Map<String, String> headers, byte[] body) {
        String header = headers.get("x-hub-signature-256");
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring("sha256=".length()).strip().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        // the one setting this needs, read alone: the whole record is validated when saved, and parsing
        // it again for every status Meta posts was a measurable share of the webhook's cost
        String appSecret = SettingChecks.string(sender.settings(), "app_secret", null);
        return appSecret != null && MessageDigest.isEqual(signature(appSecret, body), given);
    }

    /** HMAC-SHA256 of the raw body, the way Meta signs it. */
    public static byte[] signature(String appSecret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ProviderEvent parse(SenderConfig sender, byte[] body) {
        var settings = WhatsAppSettings.from(sender.settings());
        String number = settings.phoneNumberId();
        JsonNode root;
        try {
            root = GraphPayloads.JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        List<ProviderReceipt> receipts = new ArrayList<>();
        List<ProviderInbound> inbound = new ArrayList<>();
        List<ProviderTemplate> templates = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                // template events come per WABA (the entry's id), not per number
                if ("message_template_status_update".equals(change.path("field").asString(""))) {
                    if (entry.path("id").asString("").equals(settings.businessAccountId())) {
                        templateStatus(value).ifPresent(templates::add);
                    }
                    continue;
                }
                if (!"messages".equals(change.path("field").asString("messages"))
                        || !number.equals(value.path("metadata").path("phone_number_id").asString(""))) {
                    continue;
                }
                value.path("statuses").forEach(s -> receipts.add(receipt(s)));
                Map<String, JsonNode> people = new HashMap<>();
                value.path("contacts").forEach(c -> {
                    people.put(c.path("wa_id").asString(""), c);
                    people.put("user:" + c.path("user_id").asString(""), c);
                });
                String to = value.path("metadata").path("display_phone_number").asString(null);
                for (JsonNode m : value.path("messages")) {
                    inbound.add(message(m, to, people));
                }
            }
        }
        return new ProviderEvent(receipts, inbound, templates);
    }

    /**
     * {@code {event, message_template_id, message_template_name, message_template_language, reason}};
     * a quality update shares the field and carries no event, so it is not a status change. Meta
     * writes the language here as {@code en-US} where the template has {@code en_US}.
     */
    private static Optional<ProviderTemplate> templateStatus(JsonNode value) {
        String event = value.path("event").asString("");
        String name = value.path("message_template_name").asString("");
        String language = value.path("message_template_language").asString("").replace('-', '_');
        if (event.isBlank() || name.isBlank() || language.isBlank()) {
            return Optional.empty();
        }
        String category = value.path("message_template_category").asString(null);
        return Optional.of(new ProviderTemplate(name, language,
                category == null ? null : category.toLowerCase(java.util.Locale.ROOT),
                event.toLowerCase(java.util.Locale.ROOT), null, value.path("message_template_id").asString(null),
                TemplateSync.reason(value.path("reason").asString(null))));
    }

    private static ProviderReceipt receipt(JsonNode s) {
        ReceiptState state = switch (s.path("status").asString("")) {
            case "sent" -> ReceiptState.ACCEPTED;
            case "delivered" -> ReceiptState.DELIVERED;
            case "read" -> ReceiptState.READ;
            case "failed" -> ReceiptState.UNDELIVERED;
            default -> ReceiptState.UNKNOWN;
        };
        JsonNode error = s.path("errors").path(0);
        String code = state == ReceiptState.UNDELIVERED ? GraphErrors.receiptCode(error.path("code").asInt(0)) : null;
        String text = error.isMissingNode() ? null : error.path("code").asInt(0) + " " + error.path("title").asString("")
                + (error.path("error_data").path("details").isMissingNode() ? ""
                        : ": " + error.path("error_data").path("details").asString(""));
        return new ProviderReceipt(s.path("id").asString(""), state, code, text, time(s));
    }

    private static ProviderInbound message(JsonNode m, String to, Map<String, JsonNode> people) {
        String from = m.path("from").asString(null);
        String userId = m.path("from_user_id").asString(null);
        JsonNode person = from != null && people.containsKey(from) ? people.get(from) : people.get("user:" + userId);
        if (person != null && userId == null) {
            userId = person.path("user_id").asString(null);
        }
        String profile = person == null ? null : person.path("profile").path("name").asString(null);
        Content content = switch (m.path("type").asString("")) {
            case "text" -> new Content.Text(m.path("text").path("body").asString(""));
            case "interactive" -> {
                JsonNode i = m.path("interactive");
                String kind = i.path("type").asString("");
                JsonNode reply = i.path(kind);
                yield new Content.Reply(kind, reply.path("id").asString(null), reply.path("title").asString(null));
            }
            // a template's quick-reply button
            case "button" -> new Content.Reply("quick_reply", m.path("button").path("payload").asString(null),
                    m.path("button").path("text").asString(null));
            case "location" -> {
                JsonNode l = m.path("location");
                yield new Content.Location(l.path("latitude").asDouble(0), l.path("longitude").asDouble(0),
                        l.path("name").asString(null), l.path("address").asString(null));
            }
            // the file itself is downloaded after the message is stored (GET /{media-id}, then its url)
            case "image", "video", "audio", "document", "sticker" -> {
                String kind = m.path("type").asString("");
                JsonNode media = m.path(kind);
                String id = media.path("id").asString(null);
                yield id == null || id.isBlank() ? new Content.Text("[" + kind + "]")
                        : new Content.Media(kind, null, media.path("caption").asString(null), id,
                                media.path("mime_type").asString(null), null, media.path("sha256").asString(null),
                                media.path("filename").asString(null));
            }
            default -> new Content.Text("[" + m.path("type").asString("unknown") + "]");
        };
        return new ProviderInbound(from, to, content.summary(), m.path("id").asString(null), time(m), content, userId,
                profile);
    }

    private static Instant time(JsonNode node) {
        long seconds = node.path("timestamp").asLong(0);
        return seconds > 0 ? Instant.ofEpochSecond(seconds) : Instant.now();
    }
}
