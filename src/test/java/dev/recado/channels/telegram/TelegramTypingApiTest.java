package dev.recado.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** An agent typing a reply: {@code sendChatAction typing} to the chat, at most once per interval for all callers. */
@RecadoTest
class TelegramTypingApiTest extends TelegramTestBase {

    @Test
    void typingAReplyShowsTypingInTheChatOncePerIntervalHoweverManyCallsRace() throws Exception {
        String chat = newChat();
        assertThat(postUpdate(textUpdate(nextUpdateId(), chat, "¿Tenéis la talla 42?")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> inboundCount(chat) == 1);
        String inbound = inboundId(chat);

        List<String> answers;
        try (var callers = Executors.newFixedThreadPool(6)) {
            answers = IntStream.range(0, 6).mapToObj(n -> callers.submit(() -> typing(inbound))).toList().stream()
                    .map(f -> {
                        try {
                            return f.get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
        }
        assertThat(answers).containsOnly("shown", "throttled").containsOnlyOnce("shown");
        var actions = chatActions(chat);
        assertThat(actions).hasSize(1);
        assertThat(actions.getFirst().body().path("action").asString()).isEqualTo("typing");

        // the interval passed (as another node would find the row): the next keystroke shows it again
        jdbc.sql("update typing_indicators set sent_at = :t where address = :a")
                .param("t", java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(6))).param("a", chat).update();
        assertThat(typing(inbound)).isEqualTo("shown");
        assertThat(chatActions(chat)).hasSize(2);
    }

    @Test
    void onlyTheCustomersMessagesAreTypedTo() {
        String chat = newChat();
        postUpdate(textUpdate(nextUpdateId(), chat, "Hola"));
        await().atMost(Duration.ofSeconds(20)).until(() -> inboundCount(chat) == 1);
        var reply = send("{\"to\":\"%s\",\"channel\":\"telegram\",\"body\":\"¡Hola!\"}".formatted(chat));
        var refused = api.post("/v1/messages/" + reply.text("id") + "/typing", key, "");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"field\":\"id\"");
        assertThat(api.post("/v1/messages/msg_zzzzzz/typing", key, "").status()).isEqualTo(404);
        assertThat(api.post("/v1/messages/not-an-id/typing", key, "").status()).isBetween(400, 404);
        assertThat(chatActions(chat)).isEmpty();
    }

    private String typing(String messageId) {
        var answer = api.post("/v1/messages/" + messageId + "/typing", key, "");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.text("typing");
    }

    private List<BotApiServer.Call> chatActions(String chat) {
        return bot.calls("sendChatAction").stream().filter(c -> c.body().path("chat_id").asString("").equals(chat)).toList();
    }

    private String inboundId(String chat) {
        long id = jdbc.sql("select id from messages where direction = 'inbound' and sender_id = :s and from_address = :f")
                .param("s", senderId()).param("f", chat).query(Long.class).single();
        return "msg_" + Long.toString(id, 36);
    }
}
