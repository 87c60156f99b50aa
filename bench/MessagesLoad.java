import dev.recado.channels.smpp.SmscSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for the message benchmark: runs the SMSC simulator (its own process, so the
 * server's CPU is measured alone), creates a sender on it, fires N POST /v1/messages from C
 * concurrent clients, then waits until every message has its receipt stored.
 * Args: baseUrl apiKey messages concurrency serverPid
 */
public class MessagesLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String key = args[1];
        int total = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        long pid = Long.parseLong(args[4]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (SmscSimulator smsc = SmscSimulator.onPort(0, total + 1000, java.time.Clock.systemUTC())
                .receiptDelay(Duration.ofMillis(20)).start()) {
            var sender = post(http, base, key, "/v1/senders", """
                    {"channel":"sms","name":"Bench SMSC","host":"127.0.0.1","port":%d,"system_id":"bench","password":"bench","source_address":"Bench",
                     "rate_per_second":10000,"window":200}""".formatted(smsc.port()));
            if (sender.statusCode() != 201) {
                throw new IllegalStateException("sender: " + sender.body());
            }
            long[] latencies = new long[total];
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            Semaphore inFlight = new Semaphore(concurrency);
            double cpu0 = cpu(pid);
            long start = System.nanoTime();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < total; i++) {
                    inFlight.acquire();
                    int n = i;
                    pool.submit(() -> {
                        try {
                            long t0 = System.nanoTime();
                            var r = post(http, base, key, "/v1/messages", "{\"to\":\"+3461" + String.format("%07d", n)
                                    + "\",\"body\":\"Su código de acceso es " + (100000 + n % 900000) + "\"}");
                            latencies[n] = System.nanoTime() - t0;
                            if (r.statusCode() != 202) {
                                if (failures.incrementAndGet() < 5) {
                                    System.err.println(r.statusCode() + " " + r.body());
                                }
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
            long accepted = System.nanoTime();
            double cpuAccept = cpu(pid);
            // end to end: until the simulator has sent every receipt and none is waiting in the server
            while (true) {
                boolean pending = false;
                for (String status : new String[] {"queued", "sending", "sent"}) {
                    var r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/messages?limit=1&status=" + status))
                            .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
                    pending |= r.body().contains("\"id\"");
                }
                if (!pending) {
                    break;
                }
                Thread.sleep(200);
            }
            long done = System.nanoTime();
            double cpuEnd = cpu(pid);
            Arrays.sort(latencies);
            double acceptSeconds = (accepted - start) / 1e9;
            double totalSeconds = (done - start) / 1e9;
            System.out.printf("messages %d, concurrency %d, failures %d%n", total, concurrency, failures.get());
            System.out.printf("accepted/s %.0f  (API p50 %.1f ms, p99 %.1f ms)%n", total / acceptSeconds,
                    latencies[total / 2] / 1e6, latencies[(int) (total * 0.99)] / 1e6);
            System.out.printf("end-to-end msg/s %.0f  (%.1f s until every receipt was stored)%n", total / totalSeconds, totalSeconds);
            System.out.printf("server CPU %.1f s = %.2f CPU-s per 1,000 messages (%.2f during acceptance)%n",
                    cpuEnd - cpu0, (cpuEnd - cpu0) * 1000 / total, (cpuAccept - cpu0) * 1000 / total);
            System.out.printf("simulator: submits %d, duplicates %d%n", smsc.counters().submits(), smsc.duplicatedReferences().size());
        }
    }

    static HttpResponse<String> post(HttpClient http, String base, String key, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static double cpu(long pid) throws Exception {
        String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).split(" ");
        return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
    }
}
