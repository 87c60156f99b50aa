package dev.recado.channels.telegram.internal;

import dev.recado.common.FieldProblem;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.ContentPlan;
import dev.recado.messaging.spi.SubmitOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the Bot API accepts and answers: the content a bot can send (text up to 4,096 characters,
 * photo and document by URL with a caption up to 1,024, reply buttons as an inline keyboard whose
 * {@code callback_data} is 1 to 64 bytes), the method and JSON for each, and its answers
 * ({@code {ok, result}} or {@code {ok: false, error_code, description, parameters}}) mapped to what
 * the engine does next.
 */
public final class BotApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final int MAX_TEXT = 4096;
    static final int MAX_CAPTION = 1024;
    static final int MAX_CALLBACK_BYTES = 64;
    static final int MAX_BUTTONS = 100;

    private BotApi() {
    }

    public static ContentPlan plan(Content content) {
        List<FieldProblem> problems = new ArrayList<>();
        switch (content) {
            case Content.Text t -> length("body", t.body(), MAX_TEXT, problems);
            case Content.Media m -> {
                if (!m.mediaKind().equals("image") && !m.mediaKind().equals("document")) {
                    problems.add(new FieldProblem("media.kind", "telegram sends image or document"));
                }
                if (m.id() != null) {
                    problems.add(new FieldProblem("media.id", "telegram takes media by url"));
                }
                if (m.caption() != null && m.caption().length() > MAX_CAPTION) {
                    problems.add(new FieldProblem("media.caption", "must be at most " + MAX_CAPTION + " characters"));
                }
            }
            case Content.Interactive i -> {
                length("body", i.body(), MAX_TEXT, problems);
                if (i.sections() != null && !i.sections().isEmpty()) {
                    problems.add(new FieldProblem("list", "telegram sends reply buttons (an inline keyboard), not lists"));
                }
                List<Content.Button> buttons = i.buttons() == null ? List.of() : i.buttons();
                if (buttons.size() > MAX_BUTTONS) {
                    problems.add(new FieldProblem("buttons", "must be at most " + MAX_BUTTONS));
                }
                Set<String> ids = new HashSet<>();
                for (int n = 0; n < buttons.size(); n++) {
                    Content.Button b = buttons.get(n);
                    String field = "buttons[" + n + "]";
                    if (b == null || b.id() == null || b.id().isEmpty()) {
                        problems.add(new FieldProblem(field + ".id", "is required"));
                        continue;
                    }
                    int bytes = b.id().getBytes(StandardCharsets.UTF_8).length;
                    if (bytes > MAX_CALLBACK_BYTES) {
                        problems.add(new FieldProblem(field + ".id", "must be at most " + MAX_CALLBACK_BYTES
                                + " bytes in UTF-8 (telegram's callback_data); it is " + bytes));
                    }
                    if (!ids.add(b.id())) {
                        problems.add(new FieldProblem(field + ".id", "must differ from the other buttons' ids"));
                    }
                    length(field + ".title", b.title(), 64, problems);
                }
            }
            case Content.Reply r -> problems.add(new FieldProblem("body", "a reply is what a customer sends"));
            default -> problems.add(new FieldProblem("body", "telegram does not carry " + content.kind() + " content"));
        }
        return problems.isEmpty() ? ContentPlan.of(1, null) : new ContentPlan(0, null, problems);
    }

    private static void length(String field, String value, int max, List<FieldProblem> problems) {
        if (value == null || value.isEmpty()) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (value.length() > max) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
        }
    }

    /** A Bot API call: its method and JSON body. */
    public record Call(String method, String body) {
    }

    public static Call message(String chatId, Content content) {
        ObjectNode body = JSON.createObjectNode();
        body.put("chat_id", chatId);
        return switch (content) {
            case Content.Text t -> new Call("sendMessage", body.put("text", t.body()).toString());
            case Content.Media m -> {
                boolean photo = m.mediaKind().equals("image");
                body.put(photo ? "photo" : "document", m.url());
                if (m.caption() != null && !m.caption().isEmpty()) {
                    body.put("caption", m.caption());
                }
                yield new Call(photo ? "sendPhoto" : "sendDocument", body.toString());
            }
            case Content.Interactive i -> {
                body.put("text", i.body());
                ArrayNode rows = body.putObject("reply_markup").putArray("inline_keyboard");
                // one button per row: titles stay readable on a phone
                i.buttons().forEach(b -> rows.addArray().addObject().put("text", b.title()).put("callback_data", b.id()));
                yield new Call("sendMessage", body.toString());
            }
            default -> throw new IllegalArgumentException("telegram does not carry " + content.kind());
        };
    }

    public static Call setWebhook(String url, String secret) {
        ObjectNode body = JSON.createObjectNode().put("url", url).put("secret_token", secret);
        body.putArray("allowed_updates").add("message").add("callback_query");
        return new Call("setWebhook", body.toString());
    }

    /** {@code sendChatAction} {@code typing}: Telegram shows it for at most 5 seconds, or until the bot's next message. */
    public static Call typing(String chatId) {
        return new Call("sendChatAction", JSON.createObjectNode().put("chat_id", chatId).put("action", "typing").toString());
    }

    public static Call answerCallback(String callbackQueryId) {
        return new Call("answerCallbackQuery", JSON.createObjectNode().put("callback_query_id", callbackQueryId).toString());
    }

    /** The provider message id of a sent message: {@code chat_id:message_id}, unique per bot. */
    static String providerId(JsonNode result) {
        long messageId = result.path("message_id").asLong(0);
        String chat = result.path("chat").path("id").asString("");
        return messageId == 0 || chat.isEmpty() ? null : chat + ":" + messageId;
    }

    /** A refusal as the Bot API describes it. */
    record Failure(int httpStatus, int code, String description, int retryAfter) {
    }

    static Failure failure(int httpStatus, String body) {
        try {
            JsonNode root = JSON.readTree(body);
            return new Failure(httpStatus, root.path("error_code").asInt(httpStatus),
                    root.path("description").asString("HTTP " + httpStatus),
                    root.path("parameters").path("retry_after").asInt(0));
        } catch (RuntimeException unreadable) {
            return new Failure(httpStatus, httpStatus, "HTTP " + httpStatus, 0);
        }
    }

    static SubmitOutcome outcome(Failure f) {
        String text = f.code() + " " + f.description();
        return switch (f.code()) {
            // flood control: the whole bot waits as long as Telegram says
            case 429 -> new SubmitOutcome.Transient("telegram_flood", text, true,
                    Duration.ofSeconds(Math.max(1, f.retryAfter())));
            case 403 -> new SubmitOutcome.Permanent("blocked_by_user", text);
            case 400 -> new SubmitOutcome.Permanent(code(f.description()), text);
            case 401, 404 -> new SubmitOutcome.Transient("telegram_token_refused", text, false, null);
            default -> f.code() >= 500 || f.code() == 0
                    ? new SubmitOutcome.Transient("telegram_unavailable", text, false, null)
                    : new SubmitOutcome.Permanent("telegram_rejected", text);
        };
    }

    /** "Bad Request: chat not found" becomes {@code telegram_chat_not_found}. */
    static String code(String description) {
        String reason = description.replaceFirst("^[^:]*:\\s*", "").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        return "telegram_" + (reason.isEmpty() ? "bad_request" : reason.length() > 48 ? reason.substring(0, 48) : reason);
    }
}
