import dev.recado.channels.smpp.SimulatedSubmission;
import dev.recado.channels.smpp.SmscCounters;
import dev.recado.channels.smpp.SmscSimulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The SMSC simulator alone in its own JVM, so Recado's and Kannel's runs face the same SMSC and the
 * client's CPU is measured without it. Accepts any bind (system_id/password are not checked).
 *
 * Usage: java -cp target/classes:<runtime classpath> bench/Smsc.java PORT RECEIPT_DELAY_MS EXPECTED STATUS_FILE
 *
 * Every 100 ms it rewrites STATUS_FILE (key=value lines): the counters, first_submit_ms (epoch ms,
 * the first recorded submission's arrival), last_submit_ms (when the submit count last grew, to
 * 100 ms), and done_ms, the time at which
 * EXPECTED receipts had been sent and acknowledged (deliver_sm_resp received). A progress line
 * goes to stdout every 5 s. On stdin, "status" prints the status and "report" additionally counts
 * distinct destinations and duplicated references (so duplicates show even without our TLV);
 * "quit" stops it. When stdin ends (started in the background) it keeps serving until killed.
 */
public class Smsc {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long delayMs = Long.parseLong(args[1]);
        long expected = Long.parseLong(args[2]);
        Path statusFile = Path.of(args[3]);
        // history a bit bigger than N, so every submission stays inspectable
        SmscSimulator smsc = SmscSimulator.onPort(port, (int) Math.max(expected + 10_000, SmscSimulator.DEFAULT_HISTORY),
                Clock.systemUTC()).receiptDelay(Duration.ofMillis(delayMs)).start();
        long started = System.currentTimeMillis();
        System.out.printf("SMSC listening on %d, receipts %d ms after each submit, expecting %d%n", smsc.port(), delayMs,
                expected);
        var state = new State();
        Thread.ofPlatform().daemon().name("smsc-status").start(() -> {
            long lastPrint = System.currentTimeMillis();
            while (true) {
                try {
                    SmscCounters c = smsc.counters();
                    long now = System.currentTimeMillis();
                    if (state.firstSeenMs == 0 && c.submits() > 0) {
                        // copied once, while the log is short: the exact arrival of the first submit
                        // (the counter moves before the submission is recorded, so it may still be empty)
                        var recorded = smsc.submissions();
                        if (!recorded.isEmpty()) {
                            state.firstSubmitMs = recorded.getFirst().receivedAt().toEpochMilli();
                            state.firstSeenMs = now;
                        }
                    }
                    if (c.submits() > state.lastSubmits) {
                        state.lastSubmits = c.submits();
                        state.lastSubmitMs = now;
                    }
                    if (state.doneMs == 0 && c.receiptsSent() >= expected) {
                        state.doneMs = now;
                        System.out.printf("all %d receipts acknowledged after %.1f s%n", expected,
                                (now - state.firstSeenMs) / 1000.0);
                    }
                    write(statusFile, status(smsc, state, c));
                    if (now - lastPrint >= 5_000) {
                        lastPrint = now;
                        System.out.printf("t=%5.1fs binds %d, submits %d, receipts acknowledged %d, pending retries dropped %d%n",
                                (now - started) / 1000.0, c.binds(), c.submits(), c.receiptsSent(), c.receiptsDropped());
                    }
                    Thread.sleep(state.firstSeenMs == 0 ? 10 : 100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    System.err.println("status: " + e);
                }
            }
        });
        try (var in = new BufferedReader(new InputStreamReader(System.in))) {
            String line;
            while ((line = in.readLine()) != null) {
                switch (line.trim()) {
                    case "status" -> System.out.print(status(smsc, state, smsc.counters()));
                    case "report" -> System.out.print(status(smsc, state, smsc.counters()) + report(smsc));
                    case "quit" -> {
                        smsc.close();
                        System.exit(0);
                    }
                    default -> System.out.println("commands: status, report, quit");
                }
                System.out.flush();
            }
        }
        // stdin closed (started in the background): keep serving until killed
        Thread.currentThread().join();
    }

    static final class State {
        volatile long firstSeenMs;
        volatile long doneMs;
        volatile long firstSubmitMs;
        volatile long lastSubmitMs;
        volatile long lastSubmits;
    }

    static String status(SmscSimulator smsc, State state, SmscCounters c) {
        return "binds=" + c.binds() + "\nbound_sessions=" + c.boundSessions() + "\nsubmits=" + c.submits()
                + "\naccepted=" + c.accepted() + "\nthrottled=" + c.throttled() + "\nrejected=" + c.rejected()
                + "\nreceipts_acknowledged=" + c.receiptsSent() + "\nreceipts_dropped=" + c.receiptsDropped()
                + "\nfirst_submit_ms=" + state.firstSubmitMs + "\nlast_submit_ms=" + state.lastSubmitMs
                + "\ndone_ms=" + state.doneMs + "\n";
    }

    static String report(SmscSimulator smsc) {
        List<SimulatedSubmission> all = smsc.submissions();
        Set<String> destinations = new HashSet<>();
        for (SimulatedSubmission s : all) {
            destinations.add(s.destination());
        }
        return "recorded_submissions=" + all.size() + "\ndistinct_destinations=" + destinations.size()
                + "\nduplicated_references=" + smsc.duplicatedReferences().size() + "\n";
    }

    static void write(Path file, String text) throws Exception {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
