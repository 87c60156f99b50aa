package dev.recado.channels.telegram.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.messaging.Content;
import dev.recado.messaging.spi.SubmitOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Bot API's limits and answers as BotApi reads them, and the webhook secret's derivation. */
class TelegramPureRulesTest {

    private static final String TOKEN = "7000001:AAH-test-bot-token-0123456789abcdef";

    @Test
    void limitsAreCheckedWithTheirFields() {
        assertThat(BotApi.plan(new Content.Text("a".repeat(4096))).sendable()).isTrue();
        assertThat(BotApi.plan(new Content.Text("a".repeat(4097))).problems().get(0).field()).isEqualTo("body");
        assertThat(BotApi.plan(new Content.Media("video", "https://x.example/v.mp4", null)).problems().get(0).field())
                .isEqualTo("media.kind");
        assertThat(BotApi.plan(new Content.Media("image", "https://x.example/i.jpg", "c".repeat(1025))).problems().get(0)
                .field()).isEqualTo("media.caption");
        // 64 bytes, not characters: 32 two-byte letters fit, 33 do not
        assertThat(BotApi.plan(new Content.Interactive("x", List.of(new Content.Button("ñ".repeat(32), "A")), null, null))
                .sendable()).isTrue();
        assertThat(BotApi.plan(new Content.Interactive("x", List.of(new Content.Button("ñ".repeat(33), "A")), null, null))
                .problems().get(0).field()).isEqualTo("buttons[0].id");
        assertThat(BotApi.plan(new Content.Interactive("x", List.of(new Content.Button("a", "A"), new Content.Button("a", "B")),
                null, null)).problems().get(0).field()).isEqualTo("buttons[1].id");
    }

    @Test
    void errorsMapToWhatTheEngineDoesNext() {
        var flood = BotApi.outcome(BotApi.failure(429,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\",\"parameters\":{\"retry_after\":7}}"));
        assertThat(flood).isInstanceOfSatisfying(SubmitOutcome.Transient.class, t -> {
            assertThat(t.throttled()).isTrue();
            assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        });
        assertThat(BotApi.outcome(BotApi.failure(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}")))
                .isEqualTo(new SubmitOutcome.Permanent("blocked_by_user", "403 Forbidden: bot was blocked by the user"));
        assertThat(BotApi.code("Bad Request: chat not found")).isEqualTo("telegram_chat_not_found");
        assertThat(BotApi.outcome(BotApi.failure(502, "<html>bad gateway</html>"))).isInstanceOf(SubmitOutcome.Transient.class);
    }

    @Test
    void theDerivedWebhookSecretIsStablePerSenderAndWhatTelegramAllows() {
        var a = TelegramSettings.from(1, Map.of("bot_token", TOKEN)).webhookSecret();
        assertThat(a).matches("[A-Za-z0-9_-]{43}").isEqualTo(TelegramSettings.from(1, Map.of("bot_token", TOKEN)).webhookSecret());
        assertThat(TelegramSettings.from(2, Map.of("bot_token", TOKEN)).webhookSecret()).isNotEqualTo(a);
        assertThat(TelegramSettings.from(1, Map.of("bot_token", TOKEN, "webhook_secret", "given_one")).webhookSecret())
                .isEqualTo("given_one");
        assertThat(TelegramSettings.validate(Map.of("bot_token", TOKEN, "colour", "blue")).get(0).field()).isEqualTo("colour");
    }
}
