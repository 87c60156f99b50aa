import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A benchmark stand-in for Meta's Graph API (WhatsApp Cloud API), in its own process so that the
 * server's CPU is measured alone. JDK only: run with {@code java bench/GraphApi.java PORT DELAY_MS
 * EXPECTED STATUS_FILE APP_SECRET [STATUSES_PER_POST] [READ]}.
 *
 * <ul>
 * <li>{@code GET /{version}/{phone-number-id}}: the number (Recado's connection probe).</li>
 * <li>{@code GET /{version}/{waba-id}/message_templates}: one approved marketing template,
 * {@code bench_offer} in {@code es} with one body parameter.</li>
 * <li>{@code POST /{version}/{phone-number-id}/messages}: answers as Meta documents
 * ({@code messaging_product}, {@code contacts[{input, wa_id}]}, {@code messages[{id}]}) and records
 * the arrival time of each send.</li>
 * <li>{@code POST /_bench/webhook} (body: a URL): where the statuses go, as the app's webhook
 * subscription would say. {@code DELAY_MS} after a send its {@code sent} status goes there, and
 * {@code DELAY_MS} later its {@code delivered} (and {@code read} when READ is {@code true}),
 * batched as Meta batches them: what falls due within 20 ms, up to STATUSES_PER_POST per POST, signed with
 * {@code X-Hub-Signature-256} (HMAC-SHA256 of the body with the app secret). A POST that is not
 * answered 200 is retried, as Meta retries.</li>
 * </ul>
 * The status file (key=value, rewritten twice a second) holds the counts and the rate the server
 * saw: the most sends in any 1-second window (sliding, and per calendar second) and the mean over
 * the steady part (the whole seconds between the first and the last send's).
 */
public class GraphApi {

    private static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*\"\\+?(\\d{6,15})\"");
    private static final Pattern NUMBER_PATH = Pattern.compile("/v\\d+\\.\\d+/(\\d+)(/messages)?");

    private record Status(String wamid, String to, String number, String status, long dueNanos) {
    }

    /** How long the first due status of a POST waits for others to join it. */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final long delayNanos;
    private final int expected;
    private final Path statusFile;
    private final byte[] appSecret;
    private final int perPost;
    private final boolean read;
    private final long[] arrivals;
    private final AtomicInteger sends = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicLong firstSendMs = new AtomicLong();
    private final AtomicLong lastSendMs = new AtomicLong();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger deliveredAcknowledged = new AtomicInteger();
    private final AtomicInteger posts = new AtomicInteger();
    private final AtomicInteger refusedPosts = new AtomicInteger();
    private final Set<String> recipients = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<Status> due = new LinkedBlockingQueue<>();
    private final ExecutorService posters = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final long epochNanos = System.nanoTime();
    private final long epochMs = System.currentTimeMillis();
    private volatile String webhook;

    GraphApi(long delayMs, int expected, Path statusFile, String appSecret, int perPost, boolean read) {
        this.delayNanos = delayMs * 1_000_000;
        this.expected = expected;
        this.statusFile = statusFile;
        this.appSecret = appSecret.getBytes(StandardCharsets.UTF_8);
        this.perPost = perPost;
        this.read = read;
        // room for duplicates too; a send past it is still answered, only not timed
        this.arrivals = new long[expected * 2 + 1000];
    }

    public static void main(String[] args) throws Exception {
        var graph = new GraphApi(Long.parseLong(args[1]), Integer.parseInt(args[2]), Path.of(args[3]), args[4],
                args.length > 5 ? Integer.parseInt(args[5]) : 100, args.length > 6 && Boolean.parseBoolean(args[6]));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1024);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", graph::handle);
        server.start();
        Thread.ofPlatform().name("statuses").daemon().start(graph::statusLoop);
        System.out.println("Graph API on port " + args[0]);
        while (true) {
            Thread.sleep(500);
            graph.writeStatus();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/_bench/webhook") && method.equals("POST")) {
                webhook = new String(body, StandardCharsets.UTF_8).strip();
                send(exchange, 200, "{\"success\":true}");
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || auth.length() < 17) {
                send(exchange, 401, "{\"error\":{\"message\":\"Error validating access token\",\"type\":\"OAuthException\",\"code\":190}}");
                return;
            }
            if (method.equals("GET") && path.endsWith("/message_templates")) {
                send(exchange, 200, """
                        {"data":[{"name":"bench_offer","language":"es","category":"MARKETING","status":"APPROVED",\
                        "quality_score":{"score":"GREEN"},"id":"594425479261596"}],\
                        "paging":{"cursors":{"before":"MAZDZD","after":"MAZDZD"}}}""");
                return;
            }
            Matcher m = NUMBER_PATH.matcher(path);
            if (!m.matches()) {
                send(exchange, 400, "{\"error\":{\"message\":\"Unsupported request\",\"type\":\"GraphMethodException\",\"code\":100}}");
            } else if (method.equals("GET") && m.group(2) == null) {
                send(exchange, 200, "{\"display_phone_number\":\"+34 910 000 000\",\"id\":\"" + m.group(1) + "\"}");
            } else if (method.equals("POST") && m.group(2) != null) {
                message(exchange, m.group(1), new String(body, StandardCharsets.UTF_8));
            } else {
                send(exchange, 400, "{\"error\":{\"message\":\"Unsupported request\",\"type\":\"GraphMethodException\",\"code\":100}}");
            }
        }
    }

    private void message(HttpExchange exchange, String number, String json) throws IOException {
        Matcher to = TO.matcher(json);
        if (!to.find() || !json.contains("\"messaging_product\":\"whatsapp\"")) {
            send(exchange, 400, "{\"error\":{\"message\":\"(#100) Invalid parameter\",\"type\":\"OAuthException\",\"code\":100}}");
            return;
        }
        long now = System.nanoTime();
        int n = sends.incrementAndGet();
        if (n <= arrivals.length) {
            arrivals[n - 1] = now;
        }
        long ms = epochMs + (now - epochNanos) / 1_000_000;
        firstSendMs.compareAndSet(0, ms);
        lastSendMs.accumulateAndGet(ms, Math::max);
        String recipient = to.group(1);
        if (!recipients.add(recipient)) {
            duplicates.incrementAndGet();
        }
        String wamid = "wamid.HBgL" + recipient + "FQIAERgSBENCH" + n;
        due.add(new Status(wamid, recipient, number, "sent", now + delayNanos));
        send(exchange, 200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"+" + recipient
                + "\",\"wa_id\":\"" + recipient + "\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}");
    }

    /**
     * Statuses become due in the order their sends came (one fixed delay), so the queue's head is
     * always the next due: wait for it, then gather what becomes due within {@link #LINGER_NANOS}
     * for the same number, up to a POST's worth, as Meta gathers statuses into one delivery.
     */
    private void statusLoop() {
        List<Status> batch = new ArrayList<>();
        Status carried = null;
        while (true) {
            try {
                Status head = carried != null ? carried : due.take();
                carried = null;
                sleepUntil(head.dueNanos());
                while (webhook == null) {
                    Thread.sleep(100);
                }
                batch.add(head);
                long deadline = head.dueNanos() + LINGER_NANOS;
                while (batch.size() < perPost) {
                    Status next = due.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    if (next.dueNanos() > deadline || !next.number().equals(head.number())) {
                        carried = next;
                        break;
                    }
                    sleepUntil(next.dueNanos());
                    batch.add(next);
                }
                long now = System.nanoTime();
                List<Status> posted = List.copyOf(batch);
                batch.clear();
                posters.execute(() -> post(posted));
                for (Status s : posted) {
                    String following = switch (s.status()) {
                        case "sent" -> "delivered";
                        case "delivered" -> read ? "read" : null;
                        default -> null;
                    };
                    if (following != null) {
                        due.add(new Status(s.wamid(), s.to(), s.number(), following, now + delayNanos));
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private void post(List<Status> statuses) {
        long ts = System.currentTimeMillis() / 1000;
        var json = new StringBuilder(200 + statuses.size() * 420);
        json.append("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1029384756\",\"changes\":[{\"value\":")
                .append("{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"34910000000\",")
                .append("\"phone_number_id\":\"").append(statuses.get(0).number()).append("\"},\"statuses\":[");
        for (int i = 0; i < statuses.size(); i++) {
            Status s = statuses.get(i);
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(s.wamid()).append("\",\"status\":\"")
                    .append(s.status()).append("\",\"timestamp\":\"").append(ts).append("\",\"recipient_id\":\"")
                    .append(s.to()).append('"');
            if (!s.status().equals("read")) {
                json.append(",\"conversation\":{\"id\":\"CONVERSATION").append(s.to()).append("\",")
                        .append(s.status().equals("sent") ? "\"expiration_timestamp\":\"" + (ts + 86_400) + "\"," : "")
                        .append("\"origin\":{\"type\":\"marketing\"}},\"pricing\":{\"billable\":true,")
                        .append("\"pricing_model\":\"PMP\",\"category\":\"marketing\",\"type\":\"regular\"}");
            }
            json.append('}');
        }
        json.append("]},\"field\":\"messages\"}]}]}");
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        String signature = "sha256=" + HexFormat.of().formatHex(hmac(body));
        for (int attempt = 0; ; attempt++) {
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(webhook)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").header("X-Hub-Signature-256", signature)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
                posts.incrementAndGet();
                if (response.statusCode() == 200) {
                    acknowledged.addAndGet(statuses.size());
                    deliveredAcknowledged.addAndGet((int) statuses.stream().filter(s -> s.status().equals("delivered")).count());
                    return;
                }
                refusedPosts.incrementAndGet();
            } catch (IOException e) {
                refusedPosts.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(Math.min(5_000, 100L << Math.min(attempt, 6)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts and the observed rate, written to a temporary file and moved over, so a reader never sees half. */
    private void writeStatus() throws IOException {
        int n = Math.min(sends.get(), arrivals.length);
        long[] times = Arrays.copyOf(arrivals, n);
        Arrays.sort(times);
        int slidingMax = 0;
        for (int i = 0, j = 0; i < n; i++) {
            while (j < n && times[j] - times[i] < 1_000_000_000L) {
                j++;
            }
            slidingMax = Math.max(slidingMax, j - i);
        }
        // calendar seconds since the first send
        int seconds = n == 0 ? 0 : (int) ((times[n - 1] - times[0]) / 1_000_000_000L) + 1;
        int[] perSecond = new int[seconds];
        for (long t : times) {
            perSecond[(int) ((t - times[0]) / 1_000_000_000L)]++;
        }
        int alignedMax = Arrays.stream(perSecond).max().orElse(0);
        // steady part: whole seconds after the first and before the last (partial) one
        double steady = 0;
        int steadyMin = 0;
        if (seconds > 2) {
            steady = Arrays.stream(perSecond, 1, seconds - 1).average().orElse(0);
            steadyMin = Arrays.stream(perSecond, 1, seconds - 1).min().orElse(0);
        }
        var out = new StringBuilder();
        out.append("expected=").append(expected).append('\n')
                .append("submits=").append(sends.get()).append('\n')
                .append("duplicates=").append(duplicates.get()).append('\n')
                .append("first_submit_ms=").append(firstSendMs.get()).append('\n')
                .append("last_submit_ms=").append(lastSendMs.get()).append('\n')
                .append("statuses_acknowledged=").append(acknowledged.get()).append('\n')
                .append("delivered_acknowledged=").append(deliveredAcknowledged.get()).append('\n')
                .append("webhook_posts=").append(posts.get()).append('\n')
                .append("webhook_refused=").append(refusedPosts.get()).append('\n')
                .append("max_1s_sliding=").append(slidingMax).append('\n')
                .append("max_1s_aligned=").append(alignedMax).append('\n')
                .append("steady_mean_per_s=").append(String.format("%.1f", steady)).append('\n')
                .append("steady_min_per_s=").append(steadyMin).append('\n')
                .append("per_second=").append(Arrays.toString(perSecond).replace(" ", "")).append('\n');
        Path tmp = statusFile.resolveSibling(statusFile.getFileName() + ".tmp");
        Files.writeString(tmp, out);
        Files.move(tmp, statusFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
