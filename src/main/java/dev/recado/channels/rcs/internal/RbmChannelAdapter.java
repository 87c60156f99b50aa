package dev.recado.channels.rcs.internal;

import dev.recado.common.OutboundTargets;
import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.InboundMedia;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.Reconciliation;
import dev.recado.messaging.spi.Reconnect;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.StickyState;
import dev.recado.messaging.spi.SubmitOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RBM agent. Before a send the number's capability is read from {@link RcsStore} or asked of RBM
 * ({@code GET phones/{msisdn}/capabilities}); a number RBM does not reach (404 there or on the send)
 * fails the message as {@code recipient_not_rcs_capable}, which fallback reads as "try the next
 * channel". The RBM message id is a UUID derived from our reference, so a send repeated after a crash
 * is one RBM ignores (409 or a plain 200), never a second message. A message still undelivered when
 * its validity ends is revoked ({@code DELETE .../agentMessages/{id}}) and then reported expired.
 */
public final class RbmChannelAdapter implements ChannelAdapter {

    private static final Logger log = LoggerFactory.getLogger(RbmChannelAdapter.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The largest file a user can send an agent. */
    static final long MAX_FILE_BYTES = 100L * 1024 * 1024;
    static final String NOT_CAPABLE = "recipient_not_rcs_capable";

    private final SenderConfig config;
    private final RbmSettings settings;
    private final AdapterListener listener;
    private final OutboundTargets targets;
    private final RcsStore store;
    private final Clock clock;
    private final ServiceAccountTokens tokens;
    private final HttpClient http;
    private final ExecutorService senders;
    private final StickyState state;
    private final Duration sweep;
    private volatile Thread sweeper;

    private RbmChannelAdapter(SenderConfig config, RbmSettings settings, AdapterListener listener, OutboundTargets targets,
            RcsStore store, Clock clock, Duration sweep) {
        this.config = config;
        this.settings = settings;
        this.listener = listener;
        this.targets = targets;
        this.store = store;
        this.clock = clock;
        this.sweep = sweep;
        this.state = new StickyState(listener);
        this.tokens = settings.serviceAccountJson() == null ? null : new ServiceAccountTokens(settings.serviceAccountJson(), clock);
        this.senders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("rcs-" + config.senderId() + "-", 0).factory());
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).executor(senders)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static RbmChannelAdapter open(SenderConfig config, RbmSettings settings, AdapterListener listener,
            OutboundTargets targets, RcsStore store, Clock clock, Duration sweep) {
        var adapter = new RbmChannelAdapter(config, settings, listener, targets, store, clock, sweep);
        Thread.ofVirtual().name("rcs-probe-" + config.senderId()).start(adapter::probeUntilConnected);
        adapter.sweeper = Thread.ofVirtual().name("rcs-expiry-" + config.senderId()).start(adapter::revokeExpired);
        return adapter;
    }

    /** RBM wants a UUID; ours is derived from the reference, so every attempt of a message uses the same. */
    static String rbmMessageId(String reference) {
        return UUID.nameUUIDFromBytes(("recado:" + reference).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public CompletableFuture<SubmitOutcome> submit(OutboundMessage message) {
        return CompletableFuture.supplyAsync(() -> send(message), senders);
    }

    /** Sending again is safe: RBM ignores a message id it has seen, so the retry cannot duplicate it. */
    @Override
    public List<Reconciliation> reconcile(List<OutboundMessage> inFlight) {
        return inFlight.stream().map(m -> new Reconciliation(m.messageId(), Reconciliation.Verdict.NOT_RECEIVED, List.of()))
                .toList();
    }

    private SubmitOutcome send(OutboundMessage message) {
        String phone = "+" + message.to().replaceAll("[^0-9]", "");
        try {
            checkTarget(settings.apiBaseUrl());
            Boolean capable = store.capable(settings.agentId(), phone).orElse(null);
            if (capable == null) {
                var answer = call(HttpRequest.newBuilder(URI.create(settings.url("phones/" + phone
                        + "/capabilities?requestId=" + UUID.randomUUID() + "&agentId=" + enc(settings.agentId())))).GET());
                if (answer.statusCode() / 100 != 2 && answer.statusCode() != 404) {
                    return RbmErrors.outcome(answer.statusCode(), answer.body());
                }
                capable = answer.statusCode() != 404;
                store.recordCapability(settings.agentId(), phone, capable);
            }
            if (!capable) {
                return new SubmitOutcome.Permanent(NOT_CAPABLE, phone + " cannot receive RCS from this agent");
            }
            String id = rbmMessageId(message.reference());
            String body = RbmPayloads.agentMessage(message.content());
            log.debug("Sender {}: {} -> {}", config.senderId(), message.reference(), body);
            var answer = call(HttpRequest.newBuilder(URI.create(settings.url("phones/" + phone + "/agentMessages?messageId="
                    + id + "&agentId=" + enc(settings.agentId())))).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            // 409: this id was sent before (a retry after a crash): RBM has the message once
            if (answer.statusCode() / 100 == 2 || answer.statusCode() == 409) {
                store.pending(config.senderId(), id, phone, message.validUntil() != null ? message.validUntil()
                        : clock.instant().plus(Duration.ofDays(2)));
                setState(SenderState.CONNECTED);
                return new SubmitOutcome.Accepted(List.of(id));
            }
            if (answer.statusCode() == 404) {
                store.recordCapability(settings.agentId(), phone, false);
                return new SubmitOutcome.Permanent(NOT_CAPABLE, phone + " is not reachable over RCS (404 on send)");
            }
            return RbmErrors.outcome(answer.statusCode(), answer.body());
        } catch (OutboundTargets.RefusedTarget refused) {
            return new SubmitOutcome.Permanent(OutboundTargets.CODE, refused.getMessage());
        } catch (ServiceAccountTokens.TokenRefused refused) {
            setState(SenderState.FAILED);
            return new SubmitOutcome.Transient("rcs_token_refused", refused.getMessage(), false, null);
        } catch (IOException e) {
            return new SubmitOutcome.Transient("rcs_unreachable", String.valueOf(e.getMessage()), false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SubmitOutcome.Transient("rcs_unreachable", "interrupted", false, null);
        }
    }

    /**
     * A user's file ({@code userFile.payload.fileUri}, the media's id): a download from Google's
     * storage, without our token (it is not the RBM API), refused past RBM's own 100 MB.
     */
    @Override
    public InboundMedia fetchMedia(String fileUri, Path into) throws IOException, InterruptedException {
        URI file;
        try {
            file = URI.create(fileUri);
        } catch (IllegalArgumentException e) {
            throw new InboundMedia.Refused("not a file URL: " + fileUri);
        }
        String scheme = String.valueOf(file.getScheme()).toLowerCase(java.util.Locale.ROOT);
        // plain http only when the API itself is (a local test server)
        if (file.getHost() == null || !(scheme.equals("https") || settings.apiBaseUrl().startsWith(scheme + ":"))) {
            throw new InboundMedia.Refused("not a file URL: " + fileUri);
        }
        checkTarget(fileUri);
        var download = http.send(HttpRequest.newBuilder(file).timeout(Duration.ofMinutes(2)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = download.body()) {
            if (download.statusCode() == 404 || download.statusCode() == 410) {
                throw new InboundMedia.Refused("file " + fileUri + " is gone (HTTP " + download.statusCode() + ")");
            }
            if (download.statusCode() / 100 != 2) {
                throw new IOException("file " + fileUri + ": the download answered HTTP " + download.statusCode());
            }
            String digest = InboundMedia.copy(in, into, MAX_FILE_BYTES, fileUri);
            return new InboundMedia(download.headers().firstValue("Content-Type").orElse(null), Files.size(into), digest);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(into);
            throw e;
        }
    }

    /**
     * {@code POST phones/{msisdn}/agentEvents?eventId=&agentId=} with {@code {eventType: READ, messageId}}:
     * the customer's app shows their message read. A fresh event id per attempt (RBM keeps none for events).
     */
    @Override
    public void markRead(String providerMessageId, String from) throws IOException, InterruptedException {
        agentEvent(from, RbmPayloads.JSON.createObjectNode().put("eventType", "READ").put("messageId", providerMessageId));
    }

    /** {@code {eventType: IS_TYPING}} to the customer: ephemeral at RBM (not queued for a phone that is away). */
    @Override
    public void typing(String providerMessageId, String from) throws IOException, InterruptedException {
        agentEvent(from, RbmPayloads.JSON.createObjectNode().put("eventType", "IS_TYPING"));
    }

    private void agentEvent(String from, tools.jackson.databind.node.ObjectNode body)
            throws IOException, InterruptedException {
        if (from == null) {
            return;
        }
        String phone = "+" + from.replaceAll("[^0-9]", "");
        checkTarget(settings.apiBaseUrl());
        var answer = call(HttpRequest.newBuilder(URI.create(settings.url("phones/" + phone + "/agentEvents?eventId="
                + UUID.randomUUID() + "&agentId=" + enc(settings.agentId())))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RbmPayloads.JSON.writeValueAsString(body))));
        if (answer.statusCode() / 100 != 2) {
            throw new IOException(body.path("eventType").asString() + " to " + phone + ": RBM answered " + answer.statusCode());
        }
    }

    /** One authorised call; a 401 drops the minted token so the next call mints a fresh one. */
    private HttpResponse<String> call(HttpRequest.Builder request) throws IOException, InterruptedException {
        String token = tokens == null ? settings.accessToken() : tokens.token(this::post);
        var response = http.send(request.timeout(TIMEOUT).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 && tokens != null) {
            tokens.forget();
        } else if (response.statusCode() == 401) {
            // a fixed token that RBM refuses will not heal: the sender fails visibly until it gets another
            log.warn("Sender {}: RBM refused the access token; the sender needs a new one", config.senderId());
            setState(SenderState.FAILED);
        }
        return response;
    }

    private HttpResponse<String> post(URI uri, HttpRequest request) throws IOException, InterruptedException {
        checkTarget(uri.toString());
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void checkTarget(String url) throws IOException {
        targets.resolveChecked(URI.create(url).getHost(), targets.allowsPrivate(config.workspaceId()));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void probeUntilConnected() {
        Reconnect.untilSettled(state::closed, this::setState, delay -> {
            if (tokens == null) {
                setState(SenderState.CONNECTED);
                return true;
            }
            try {
                tokens.token(this::post);
                setState(SenderState.CONNECTED);
                return true;
            } catch (ServiceAccountTokens.TokenRefused | OutboundTargets.RefusedTarget refused) {
                log.warn("Sender {}: {}; the sender needs other credentials", config.senderId(), refused.getMessage());
                setState(SenderState.FAILED);
                return true;
            } catch (IOException | RuntimeException e) {
                log.warn("Sender {}: cannot mint a token at {} ({}); trying again in {} s", config.senderId(),
                        tokens.tokenUri(), e.toString(), delay.toSeconds());
                return false;
            }
        });
    }

    /** Every {@code sweep}: revoke what this node claimed past its validity, then report it expired. */
    private void revokeExpired() {
        while (!state.closed()) {
            try {
                Thread.sleep(sweep);
                for (RcsStore.Due due : store.claimDue(config.senderId(), 100)) {
                    revoke(due);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Sender {}: the expiry sweep failed ({})", config.senderId(), e.toString());
            }
        }
    }

    private void revoke(RcsStore.Due due) throws InterruptedException {
        try {
            checkTarget(settings.apiBaseUrl());
            var answer = call(HttpRequest.newBuilder(URI.create(settings.url("phones/" + due.phone() + "/agentMessages/"
                    + due.rbmId() + "?agentId=" + enc(settings.agentId())))).DELETE());
            // RBM answers 200 whether or not it still held the message; 404 means it no longer has it
            if (answer.statusCode() / 100 != 2 && answer.statusCode() != 404) {
                log.warn("Sender {}: revoking {} answered {}; the claim lapses and it is tried again", config.senderId(),
                        due.rbmId(), answer.statusCode());
                return;
            }
            listener.onReceipt(new ProviderReceipt(due.rbmId(), ProviderReceipt.ReceiptState.EXPIRED, null,
                    "not delivered before its validity ended; revoked at RBM", clock.instant()))
                    .thenRun(() -> store.settled(config.senderId(), due.rbmId()));
        } catch (IOException e) {
            log.warn("Sender {}: revoking {} failed ({}); tried again when the claim lapses", config.senderId(), due.rbmId(),
                    e.toString());
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
        Thread s = sweeper;
        if (s != null) {
            s.interrupt();
        }
        senders.shutdown();
        http.close();
    }
}
