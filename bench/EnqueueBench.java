import dev.recado.RecadoApplication;
import dev.recado.messaging.Content;
import dev.recado.messaging.Enqueued;
import dev.recado.messaging.MessageDraft;
import dev.recado.messaging.MessageManagement;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;

/**
 * The enqueue benchmark without HTTP: starts Recado in this JVM (database chosen by the usual
 * RECADO_* variables), sets up a workspace with credit and a default SMS sender that never connects
 * (so nothing is dispatched while measuring), then enqueues N messages through
 * MessageManagement.enqueue in batches. Pass 1 sends to N new phone numbers (each contact is
 * created on the way); pass 2 sends the same N again by contact id, as a campaign does.
 * Args: messages batchSize [threads]
 */
public class EnqueueBench {

    public static void main(String[] args) throws Exception {
        int total = Integer.parseInt(args[0]);
        int batch = Integer.parseInt(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String key = System.getenv("RECADO_BOOTSTRAP_API_KEY");
        String platform = System.getenv("RECADO_PLATFORM_API_KEY");
        var app = SpringApplication.run(RecadoApplication.class);
        String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        var http = HttpClient.newHttpClient();
        String ws = call(http, base, platform, "GET", "/v1/workspaces", null).replaceAll("(?s).*\"id\":\"(ws_[^\"]+)\".*", "$1");
        call(http, base, platform, "POST", "/v1/workspaces/" + ws + "/credit", "{\"amount\":1000000,\"reference\":\"bench\"}");
        call(http, base, key, "POST", "/v1/senders", """
                {"channel":"sms","name":"Parked","host":"127.0.0.1","port":9,"system_id":"bench","password":"bench",
                 "source_address":"Bench","default":true}""");
        long workspaceId = Long.parseLong(ws.substring(3), 36);
        var messages = app.getBean(MessageManagement.class);
        String[] contactIds = new String[total];
        run("pass 1: new phone numbers", total, batch, threads, i -> MessageDraft.text("+3461" + String.format("%07d", i),
                "sms", null, "Su código de acceso es " + (100000 + i % 900000), "transactional"), messages, workspaceId,
                contactIds);
        run("pass 2: contact ids", total, batch, threads, i -> MessageDraft.text(contactIds[i], "sms", null,
                "Hola, su pedido " + i + " ha salido", "transactional"), messages, workspaceId, null);
        app.close();
        System.exit(0);
    }

    interface Drafts {
        MessageDraft at(int i);
    }

    /** {@code threads} callers take batches in turn, as a campaign runner with several writers would. */
    static void run(String name, int total, int batch, int threads, Drafts drafts, MessageManagement messages, long ws,
            String[] contactIds) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        var next = new java.util.concurrent.atomic.AtomicInteger();
        var refusedCount = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                for (int from = next.getAndAdd(batch); from < total; from = next.getAndAdd(batch)) {
                    List<MessageDraft> list = new ArrayList<>(batch);
                    for (int i = from; i < Math.min(total, from + batch); i++) {
                        list.add(drafts.at(i));
                    }
                    var answers = messages.enqueue(ws, list);
                    for (int i = 0; i < answers.size(); i++) {
                        if (answers.get(i) instanceof Enqueued.Accepted a) {
                            if (contactIds != null) {
                                contactIds[from + i] = "ct_" + Long.toString(a.message().contactId(), 36);
                            }
                        } else if (refusedCount.incrementAndGet() < 3) {
                            System.err.println(answers.get(i));
                        }
                    }
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        int refused = refusedCount.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.printf("%s: %d messages in %.1f s = %,.0f msg/s; process CPU %.2f s (%.2f CPU-s per 1,000); refused %d; heap used %d MB%n",
                name, total, seconds, total / seconds, cpu, cpu * 1000 / total, refused,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    }

    static String call(HttpClient http, String base, String key, String method, String path, String json) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key);
        b = json == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        var r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
