package dev.recado.channels.telegram.internal;

import dev.recado.common.OutboundTargets;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.ConnectionCheck;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.Reconnect;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.StickyState;
import dev.recado.messaging.spi.SubmitOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Telegram bot. At open it asks {@code getMe} (the token works) and registers the sender's
 * webhook URL with {@code setWebhook} and the secret Telegram must send back; retried with backoff
 * until both worked. A token Telegram refuses (401) fails the sender visibly.
 */
public final class TelegramChannelAdapter implements ChannelAdapter {

    private static final Logger log = LoggerFactory.getLogger(TelegramChannelAdapter.class);

    private final SenderConfig config;
    private final TelegramSettings settings;
    private final BotClient bot;
    private final ExecutorService senders;
    private final StickyState state;

    private TelegramChannelAdapter(SenderConfig config, TelegramSettings settings, AdapterListener listener,
            OutboundTargets targets) {
        this.config = config;
        this.settings = settings;
        this.state = new StickyState(listener);
        this.senders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("telegram-" + config.senderId() + "-", 0).factory());
        this.bot = new BotClient(settings, targets, config.workspaceId(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).executor(senders)
                        .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    public static TelegramChannelAdapter open(SenderConfig config, AdapterListener listener, OutboundTargets targets) {
        var adapter = new TelegramChannelAdapter(config, TelegramSettings.from(config.senderId(), config.settings()),
                listener, targets);
        Thread.ofVirtual().name("telegram-probe-" + config.senderId()).start(adapter::probeUntilConnected);
        return adapter;
    }

    /** {@code getMe} once: the token works and the bot is who Telegram says, or Telegram's reason why not. */
    public static ConnectionCheck check(SenderConfig config, OutboundTargets targets,
            Duration patience) throws InterruptedException {
        var settings = TelegramSettings.from(config.senderId(), config.settings());
        try (var bot = new BotClient(settings, targets, config.workspaceId(), HttpClient.newBuilder()
                .connectTimeout(patience).followRedirects(HttpClient.Redirect.NEVER).build())) {
            var me = bot.call(new BotApi.Call("getMe", "{}"));
            if (me.statusCode() / 100 == 2) {
                return ConnectionCheck.connected(
                        "@" + BotApi.JSON.readTree(me.body()).path("result").path("username").asString(""));
            }
            return ConnectionCheck.failed("Telegram " + me.statusCode() + ": "
                    + BotApi.failure(me.statusCode(), me.body()).description());
        } catch (OutboundTargets.RefusedTarget refused) {
            return ConnectionCheck.failed(refused.getMessage());
        } catch (IOException | RuntimeException e) {
            return new ConnectionCheck(SenderState.DISCONNECTED,
                    "cannot reach " + settings.apiBaseUrl() + ": " + e);
        }
    }

    @Override
    public CompletableFuture<SubmitOutcome> submit(OutboundMessage message) {
        return CompletableFuture.supplyAsync(() -> send(message), senders);
    }

    private SubmitOutcome send(OutboundMessage message) {
        try {
            var call = BotApi.message(message.to(), message.content());
            log.debug("Sender {}: {} -> {} {}", config.senderId(), message.reference(), call.method(), call.body());
            var response = bot.call(call);
            if (response.statusCode() / 100 == 2) {
                String id = BotApi.providerId(BotApi.JSON.readTree(response.body()).path("result"));
                if (id == null) {
                    return new SubmitOutcome.Transient("telegram_no_id", "the Bot API answered without a message id", false, null);
                }
                return new SubmitOutcome.Accepted(List.of(id));
            }
            var failure = BotApi.failure(response.statusCode(), response.body());
            if (failure.code() == 401) {
                log.warn("Sender {}: Telegram refused the bot token ({})", config.senderId(), failure.description());
                setState(SenderState.FAILED);
            }
            return BotApi.outcome(failure);
        } catch (OutboundTargets.RefusedTarget refused) {
            return new SubmitOutcome.Permanent(OutboundTargets.CODE, refused.getMessage());
        } catch (IOException | RuntimeException e) {
            return new SubmitOutcome.Transient("telegram_unreachable", String.valueOf(e.getMessage()), false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SubmitOutcome.Transient("telegram_unreachable", "interrupted", false, null);
        }
    }

    @Override
    public void typing(String providerMessageId, String from) throws IOException, InterruptedException {
        var response = bot.call(BotApi.typing(from));
        if (response.statusCode() / 100 != 2) {
            throw new IOException("typing to chat " + from + ": " + BotApi.failure(response.statusCode(), response.body()).description());
        }
    }

    private void probeUntilConnected() {
        Reconnect.untilSettled(state::closed, this::setState, this::probe);
    }

    private boolean probe(Duration delay) throws InterruptedException {
        try {
            var me = bot.call(new BotApi.Call("getMe", "{}"));
            if (me.statusCode() == 401) {
                log.warn("Sender {}: Telegram refused the bot token", config.senderId());
                setState(SenderState.FAILED);
                return true;
            }
            var answer = me.statusCode() / 100 == 2 && config.webhookUrl() != null
                    ? bot.call(BotApi.setWebhook(config.webhookUrl(), settings.webhookSecret())) : me;
            if (answer.statusCode() / 100 == 2) {
                setState(SenderState.CONNECTED);
                return true;
            }
            log.warn("Sender {}: the Bot API answered {} ({}); trying again in {} s", config.senderId(),
                    answer.statusCode(), BotApi.failure(answer.statusCode(), answer.body()).description(), delay.toSeconds());
        } catch (OutboundTargets.RefusedTarget refused) {
            log.warn("Sender {}: {}", config.senderId(), refused.getMessage());
            setState(SenderState.FAILED);
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("Sender {}: cannot reach the Bot API at {} ({}); trying again in {} s", config.senderId(),
                    settings.apiBaseUrl(), e.toString(), delay.toSeconds());
        }
        return false;
    }

    private void setState(SenderState next) {
        state.set(next);
    }

    @Override
    public SenderState state() {
        return state.get();
    }

    @Override
    public void close() {
        state.close();
        senders.shutdown();
        bot.close();
    }

    /**
     * Bot API calls as JSON POSTs to {@code <base>/bot<token>/<method>}, the target checked first.
     * The one place that holds the URL: neither it nor the JDK's request and response (whose
     * toString prints it) leave here, and what does (the answer's body, a failure's text) has the
     * token masked, so no caller can log or store it by accident.
     */
    public record BotClient(TelegramSettings settings, OutboundTargets targets, long workspaceId, HttpClient http)
            implements AutoCloseable {

        /** What the Bot API answered, the token masked in the body. */
        public record Answer(int statusCode, String body) {
        }

        public Answer call(BotApi.Call call) throws IOException, InterruptedException {
            targets.resolveChecked(URI.create(settings.apiBaseUrl()).getHost(), targets.allowsPrivate(workspaceId));
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(settings.url(call.method())))
                        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(call.body())).build(), HttpResponse.BodyHandlers.ofString());
                return new Answer(response.statusCode(), settings.masked(response.body()));
            } catch (IOException | RuntimeException e) {
                throw masked(e);
            }
        }

        /**
         * The failure retold with the token masked and without its causes, whose texts may name the
         * URL again; its stack trace is kept for whoever debugs it.
         */
        private IOException masked(Exception e) {
            String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            var masked = new IOException(settings.masked(text));
            masked.setStackTrace(e.getStackTrace());
            return masked;
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
