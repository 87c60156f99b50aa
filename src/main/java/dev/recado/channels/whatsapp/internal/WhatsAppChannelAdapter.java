package dev.recado.channels.whatsapp.internal;

import dev.recado.common.OutboundTargets;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.InboundMedia;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.Reconnect;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.StickyState;
import dev.recado.messaging.spi.SubmitOutcome;
import dev.recado.messaging.spi.WrittenBody;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WhatsApp Business number. The Cloud API is stateless HTTP, so "connected" means the last call
 * with the access token worked: a {@code GET} of the number at open (retried with backoff), then
 * every send. A token Meta refuses (code 190) fails the sender visibly until it is given a new one;
 * its messages wait in the queue meanwhile.
 */
public final class WhatsAppChannelAdapter implements ChannelAdapter {

    private static final Logger log = LoggerFactory.getLogger(WhatsAppChannelAdapter.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration TEMPLATE_SYNC = Duration.ofMinutes(15);

    private final SenderConfig config;
    private final WhatsAppSettings settings;
    private final AdapterListener listener;
    private final OutboundTargets targets;
    private final HttpClient http;
    private final ExecutorService senders;
    private final StickyState state;
    private volatile Thread templateSync;

    private WhatsAppChannelAdapter(SenderConfig config, WhatsAppSettings settings, AdapterListener listener,
            OutboundTargets targets) {
        this.config = config;
        this.settings = settings;
        this.listener = listener;
        this.state = new StickyState(listener);
        this.targets = targets;
        this.senders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("whatsapp-" + config.senderId() + "-", 0).factory());
        // redirects are not followed: a Graph URL that redirects elsewhere is not the Graph. The client's
        // own (platform) threads write and read: on virtual threads they waited behind request handlers
        // on the same two carriers, which are not preempted, and paced sends left in clumps
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static WhatsAppChannelAdapter open(SenderConfig config, WhatsAppSettings settings, AdapterListener listener,
            OutboundTargets targets) {
        var adapter = new WhatsAppChannelAdapter(config, settings, listener, targets);
        Thread.ofVirtual().name("whatsapp-probe-" + config.senderId()).start(adapter::probeUntilConnected);
        return adapter;
    }

    /**
     * Handed to the HttpClient on the caller's (the dispatcher's) thread, right after its pace let it
     * go: the paced moment is then the moment the request is written. A virtual thread per send in
     * between, waiting for a carrier the webhook requests also use, let sends bunch: the Graph saw up
     * to 1,075 in a second from a 1,000/s pace. Media whose size must be asked first go on a thread of
     * their own, as that question is a round trip.
     */
    @Override
    public CompletableFuture<SubmitOutcome> submit(OutboundMessage message) {
        return submit(message, () -> {
        });
    }

    @Override
    public CompletableFuture<SubmitOutcome> submit(OutboundMessage message, Runnable written) {
        if (message.content() instanceof Content.Media media) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    SubmitOutcome tooLarge = checkSize(media);
                    return tooLarge != null ? tooLarge : send(message, written).join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new SubmitOutcome.Transient("whatsapp_unreachable", "interrupted", false, null);
                }
            }, senders);
        }
        return send(message, written);
    }

    private CompletableFuture<SubmitOutcome> send(OutboundMessage message, Runnable written) {
        HttpRequest request;
        try {
            checkTarget();
            String body = GraphPayloads.message(message.to(), message.reference(), message.content());
            log.debug("Sender {}: {} -> {}", config.senderId(), message.reference(), body);
            request = request(settings.phoneNumberId() + "/messages").header("Content-Type", "application/json")
                    .POST(new WrittenBody(HttpRequest.BodyPublishers.ofString(body), written)).build();
        } catch (OutboundTargets.RefusedTarget refused) {
            return CompletableFuture.completedFuture(new SubmitOutcome.Permanent(OutboundTargets.CODE, refused.getMessage()));
        } catch (IOException e) {
            return CompletableFuture.completedFuture(unreachable(e));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> error == null ? answered(response) : unreachable(error));
    }

    private SubmitOutcome answered(HttpResponse<String> response) {
        if (response.statusCode() / 100 == 2) {
            String wamid = GraphPayloads.JSON.readTree(response.body()).path("messages").path(0).path("id").asString("");
            if (wamid.isBlank()) {
                return new SubmitOutcome.Transient("whatsapp_no_id", "the Graph answered without a message id", false, null);
            }
            setState(SenderState.CONNECTED);
            return new SubmitOutcome.Accepted(List.of(wamid));
        }
        var failure = GraphErrors.read(response.statusCode(), response.body());
        if (failure.tokenExpired()) {
            log.warn("Sender {}: Meta refused the access token ({}); the sender needs a new one", config.senderId(),
                    failure.message());
            setState(SenderState.FAILED);
        }
        return GraphErrors.outcome(failure);
    }

    private static SubmitOutcome unreachable(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return new SubmitOutcome.Transient("whatsapp_unreachable", String.valueOf(cause.getMessage()), false, null);
    }

    /**
     * The Cloud API's limits per kind, checked when the link says its size (a HEAD) or the Graph
     * does for an uploaded id ({@code GET /{media-id}}'s {@code file_size}); a file whose size is not
     * told is left for Meta to judge.
     */
    private SubmitOutcome checkSize(Content.Media media) throws InterruptedException {
        Long max = WhatsAppContentRules.MAX_MEDIA_BYTES.get(media.mediaKind());
        if (media.id() != null) {
            try {
                var info = http.send(request(media.id()).GET().build(), HttpResponse.BodyHandlers.ofString());
                long size = info.statusCode() / 100 == 2
                        ? GraphPayloads.JSON.readTree(info.body()).path("file_size").asLong(-1) : -1;
                return max != null && size > max ? tooLarge(media, size, max) : null;
            } catch (IOException | RuntimeException unknown) {
                log.debug("Sender {}: size of media {} unknown: {}", config.senderId(), media.id(), unknown.toString());
                return null;
            }
        }
        try {
            URI uri = URI.create(media.url());
            targets.resolveChecked(uri.getHost(), targets.allowsPrivate(config.workspaceId()));
            var head = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            long size = head.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (max != null && size > max) {
                return tooLarge(media, size, max);
            }
        } catch (OutboundTargets.RefusedTarget refused) {
            return new SubmitOutcome.Permanent(OutboundTargets.CODE, "media.url: " + refused.getMessage());
        } catch (IOException | IllegalArgumentException unknown) {
            log.debug("Sender {}: size of {} unknown: {}", config.senderId(), media.url(), unknown.toString());
        }
        return null;
    }

    @Override
    public InboundMedia fetchMedia(String mediaId, Path into) throws IOException, InterruptedException {
        checkTarget();
        return GraphMedia.fetch(http, settings, uri -> targets.resolveChecked(uri.getHost(),
                targets.allowsPrivate(config.workspaceId())), mediaId, into);
    }

    /** {@code {messaging_product, status: "read", message_id}}: the customer sees the message read. */
    @Override
    public void markRead(String providerMessageId) throws IOException, InterruptedException {
        if (!settings.markRead()) {
            return;
        }
        postStatus(providerMessageId, false);
    }

    /**
     * The same read status with {@code typing_indicator: {type: "text"}}: the customer sees their message
     * read and the business typing, until the reply arrives or 25 seconds pass (Meta offers no typing
     * without the read, so an agent typing marks the message read even with {@code mark_read} off).
     */
    @Override
    public void typing(String providerMessageId, String from) throws IOException, InterruptedException {
        postStatus(providerMessageId, true);
    }

    private void postStatus(String providerMessageId, boolean typing) throws IOException, InterruptedException {
        checkTarget();
        var body = GraphPayloads.JSON.createObjectNode().put("messaging_product", "whatsapp").put("status", "read")
                .put("message_id", providerMessageId);
        if (typing) {
            body.putObject("typing_indicator").put("type", "text");
        }
        var response = http.send(request(settings.phoneNumberId() + "/messages").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GraphPayloads.JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            var failure = GraphErrors.read(response.statusCode(), response.body());
            throw new IOException((typing ? "typing on " : "marking read ") + providerMessageId + ": " + failure.code()
                    + " " + failure.message());
        }
    }

    private static SubmitOutcome tooLarge(Content.Media media, long size, long max) {
        return new SubmitOutcome.Permanent("media_too_large", media.mediaKind() + " of " + size
                + " bytes; WhatsApp takes at most " + max);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(settings.url(path))).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + settings.accessToken());
    }

    private void checkTarget() throws IOException {
        targets.resolveChecked(URI.create(settings.apiBaseUrl()).getHost(), targets.allowsPrivate(config.workspaceId()));
    }

    private void probeUntilConnected() {
        Reconnect.untilSettled(state::closed, this::setState, this::probe);
    }

    private boolean probe(Duration delay) throws InterruptedException {
        try {
            checkTarget();
            var response = http.send(request(settings.phoneNumberId() + "?fields=id,display_phone_number").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                setState(SenderState.CONNECTED);
                if (settings.businessAccountId() != null) {
                    templateSync = Thread.ofVirtual().name("whatsapp-templates-" + config.senderId()).start(this::syncTemplates);
                }
                return true;
            }
            var failure = GraphErrors.read(response.statusCode(), response.body());
            if (failure.tokenExpired() || response.statusCode() == 401) {
                log.warn("Sender {}: Meta refused the access token ({})", config.senderId(), failure.message());
                setState(SenderState.FAILED);
                return true;
            }
            log.warn("Sender {}: the Graph answered {} ({}); trying again in {} s", config.senderId(),
                    response.statusCode(), failure.message(), delay.toSeconds());
        } catch (OutboundTargets.RefusedTarget refused) {
            log.warn("Sender {}: {}", config.senderId(), refused.getMessage());
            setState(SenderState.FAILED);
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("Sender {}: cannot reach the Graph at {} ({}); trying again in {} s", config.senderId(),
                    settings.apiBaseUrl(), e.toString(), delay.toSeconds());
        }
        return false;
    }

    /** The WABA's templates now and every {@link #TEMPLATE_SYNC} while open, handed to the engine. */
    private void syncTemplates() {
        while (!state.closed()) {
            try {
                listener.onTemplates(TemplateSync.read(path -> {
                    checkTarget();
                    var response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() / 100 != 2) {
                        throw new IOException(GraphErrors.read(response.statusCode(), response.body()).message());
                    }
                    return GraphPayloads.JSON.readTree(response.body());
                }, settings.businessAccountId()));
            } catch (IOException | RuntimeException e) {
                log.warn("Sender {}: reading the templates failed ({}); next try in {}", config.senderId(), e.toString(),
                        TEMPLATE_SYNC);
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(TEMPLATE_SYNC);
            } catch (InterruptedException e) {
                return;
            }
        }
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
        Thread sync = templateSync;
        if (sync != null) {
            sync.interrupt();
        }
        senders.shutdown();
        http.close();
    }
}
