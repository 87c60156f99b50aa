package dev.recado.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application as a separate operating-system process, started the way an operator starts it
 * (main class, environment variables), so a test can do to it what tests inside one JVM cannot:
 * {@link #kill()} it with SIGKILL and start it again on the same data. It runs on the test JVM's
 * own JDK and the main classpath (test classes left out, so no test bean is scanned; see
 * {@link ServerLaunch} for the AOT cache that halves its boot); its output goes to {@code <name>.log}
 * in the given directory.
 */
public final class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server on a free port with these environment variables (nothing RECADO_* inherited). */
    public static ServerProcess start(String name, Path dir, Map<String, String> env) {
        return start(name, dir, env, ServerLaunch.get());
    }

    static ServerProcess start(String name, Path dir, Map<String, String> env, ServerLaunch.Launch launch) {
        int port = freePort();
        Path log = dir.resolve(name + ".log");
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        command.addAll(launch.jvmOptions());
        command.addAll(List.of("-cp", launch.classpath(), "dev.recado.RecadoApplication"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet()
                .removeIf(k -> k.startsWith("RECADO_") || k.startsWith("SPRING_") || k.equals("PORT"));
        builder.environment().putAll(env);
        // tests bind senders to a simulator on loopback, which production refuses by default
        builder.environment().putIfAbsent("RECADO_ALLOW_PRIVATE_TARGETS", "true");
        // as in the test profile: marketing sent by these servers is not held for the night
        builder.environment().putIfAbsent("RECADO_QUIET_HOURS_DEFAULT", "00:00-24:00");
        builder.environment().put("PORT", Integer.toString(port));
        try {
            return new ServerProcess(name, builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server", e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Waits until readiness is UP: migrations ran, runners (bootstrap key) finished, port open. */
    public ServerProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("server '" + name + "' exited with " + process.exitValue() + "\n" + tail(60));
            }
            try {
                var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("UP")) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            sleep(250);
        }
        throw new AssertionError("server '" + name + "' not ready within " + timeout + "\n" + tail(60));
    }

    /** SIGTERM and a graceful shutdown (dispatchers drain, writers flush, the database closes). */
    public void stop() {
        stop(Duration.ofSeconds(60));
    }

    void stop(Duration timeout) {
        process.destroy();
        if (!waitFor(timeout)) {
            throw new AssertionError("server '" + name + "' did not stop on SIGTERM\n" + tail(60));
        }
    }

    /** SIGKILL, i.e. kill -9: no shutdown hook, no flush, no unbind. Returns once the process is gone. */
    public void kill() {
        process.destroyForcibly(); // on Linux and macOS this is SIGKILL
        boolean gone = waitFor(Duration.ofSeconds(30))
                && !ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false);
        if (!gone) {
            throw new AssertionError("server '" + name + "' survived SIGKILL");
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the output, for assertion messages. */
    public String tail(int lines) {
        List<String> all = new ArrayList<>(logText().lines().toList());
        return "---- last lines of " + log + " ----\n"
                + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
