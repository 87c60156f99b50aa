package dev.recado.channels.telegram.internal;

import static dev.recado.messaging.spi.SettingChecks.baseUrl;
import static dev.recado.messaging.spi.SettingChecks.optional;
import static dev.recado.messaging.spi.SettingChecks.required;
import static dev.recado.messaging.spi.SettingChecks.string;
import static dev.recado.messaging.spi.SettingChecks.unknown;

import dev.recado.common.FieldProblem;
import dev.recado.common.Redacted;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One Telegram bot. {@code bot_token} is what BotFather gave; {@code api_base_url} points at another
 * Bot API server (a local one, a test server); {@code webhook_secret} is the {@code secret_token} the
 * Bot API sends back in {@code X-Telegram-Bot-Api-Secret-Token}. Without one it is derived from the
 * token and the sender id, so every node computes the same secret without storing a generated one.
 * {@code bot_username} (not a secret) is what deep links ({@code t.me/<bot_username>?start=...}) name.
 */
public record TelegramSettings(String botToken, String apiBaseUrl, String webhookSecret) {

    /** Never the secrets: a record's own toString would print them into any log line. */
    @Override
    public String toString() {
        return Redacted.toString(this);
    }

    public static final String DEFAULT_BASE_URL = "https://api.telegram.org";
    public static final Set<String> NAMES = Set.of("bot_token", "api_base_url", "webhook_secret", "bot_username");
    public static final Set<String> SECRETS = Set.of("bot_token", "webhook_secret");

    public static List<FieldProblem> validate(Map<String, Object> settings) {
        List<FieldProblem> problems = new ArrayList<>();
        unknown(settings, NAMES, "telegram", problems);
        required(settings, "bot_token", "[0-9]{1,20}:[A-Za-z0-9_-]{20,100}", "must be a bot token as BotFather gives it (123456:ABC...)", problems);
        baseUrl(settings, "api_base_url", problems);
        // the characters and length the Bot API allows for secret_token
        optional(settings, "webhook_secret", "[A-Za-z0-9_-]{1,256}", "must be 1 to 256 of A-Z, a-z, 0-9, _ and -", problems);
        optional(settings, "bot_username", "@?[A-Za-z0-9_]{5,32}", "must be the bot's username (5 to 32 of A-Z, a-z, 0-9 and _)", problems);
        return problems;
    }

    public static TelegramSettings from(long senderId, Map<String, Object> settings) {
        List<FieldProblem> problems = validate(settings);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid Telegram settings: " + problems);
        }
        String token = string(settings, "bot_token", null);
        String base = string(settings, "api_base_url", DEFAULT_BASE_URL);
        String secret = string(settings, "webhook_secret", null);
        return new TelegramSettings(token, base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
                secret != null ? secret : derivedSecret(token, senderId));
    }

    /** {@code https://api.telegram.org/bot<token>/<method>} */
    public String url(String method) {
        return apiBaseUrl + "/bot" + botToken + "/" + method;
    }

    /**
     * The text with this bot's token cut out ({@code bot<redacted>}). The token is part of every
     * Bot API URL, so whatever names the URL (an exception, a proxy's or a local server's error
     * echoing the path) would otherwise carry it into a log line, a message's error or an answer.
     * The part after the colon alone is the secret: it is cut too, wherever it stands.
     */
    public String masked(String text) {
        if (text == null) {
            return null;
        }
        return text.replace(botToken, REDACTED).replace(botToken.substring(botToken.indexOf(':') + 1), REDACTED);
    }

    static final String REDACTED = "<redacted>";

    private static String derivedSecret(String token, long senderId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(("recado-webhook:" + senderId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
