package dev.recado.channels.webchat;

import dev.recado.common.PublicId;
import dev.recado.common.SecretBox;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The public key of a widget, what its script tag names: {@code wk_<sender in base 36>_<tag>}, the tag
 * an HMAC of the sender id under the installation's secret key. Nothing is stored, every node computes
 * the same key, and ids cannot be walked to find other businesses' widgets.
 */
@Component
public class WidgetKeys {

    private static final String PURPOSE = "webchat-widget";
    private static final int TAG_BYTES = 16;

    private final SecretBox secrets;

    WidgetKeys(SecretBox secrets) {
        this.secrets = secrets;
    }

    public String keyOf(long senderId) {
        byte[] tag = java.util.Arrays.copyOf(secrets.mac(PURPOSE, data(senderId)), TAG_BYTES);
        return PublicId.of("wk_", senderId) + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    }

    /** The sender a key names, when its tag is right. */
    public Optional<Long> senderOf(String key) {
        if (key == null || key.length() > 60) {
            return Optional.empty();
        }
        // base 36 has no '_', the tag (base64url) may
        int cut = key.indexOf('_', 3);
        if (cut < 4) {
            return Optional.empty();
        }
        Optional<Long> sender = PublicId.parse("wk_", key.substring(0, cut));
        if (sender.isEmpty()) {
            return Optional.empty();
        }
        byte[] tag;
        try {
            tag = Base64.getUrlDecoder().decode(key.substring(cut + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return tag.length == TAG_BYTES && secrets.macMatches(PURPOSE, data(sender.get()), tag) ? sender : Optional.empty();
    }

    private static byte[] data(long senderId) {
        return Long.toString(senderId).getBytes(StandardCharsets.UTF_8);
    }
}
