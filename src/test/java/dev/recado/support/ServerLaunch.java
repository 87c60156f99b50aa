package dev.recado.support;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * How {@link ServerProcess} starts the server: the main classpath and, on JDK 25 or later, an AOT
 * cache (JEP 483/514) trained once by booting and stopping a server. A boot takes about 14 s of a
 * 2-core machine's CPU without it and about 7 s with it, and the kill -9 tests boot some fifteen
 * servers on each database. A cache cannot hold classes from a directory, so the main classes go
 * into a jar first. Both files are named by a hash of the classes, the classpath and the JDK, so the
 * PostgreSQL pass reuses the H2 pass's and a rebuilt class trains a new one. Anything that goes
 * wrong here costs only the speed-up: the servers start as before.
 */
final class ServerLaunch {

    record Launch(List<String> jvmOptions, String classpath) {
    }

    private static final int AOT_SINCE = 25;
    private static Launch launch;

    private ServerLaunch() {
    }

    static synchronized Launch get() {
        if (launch == null) {
            launch = prepare();
        }
        return launch;
    }

    private static Launch prepare() {
        List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes" + File.separator))
                .toList();
        Launch plain = new Launch(List.of(), String.join(File.pathSeparator, entries));
        List<Path> directories = entries.stream().map(Path::of).filter(Files::isDirectory).toList();
        if (Runtime.version().feature() < AOT_SINCE || Boolean.getBoolean("recado.test.no-aot")
                || directories.size() != 1) {
            return plain;
        }
        Path classes = directories.get(0);
        try {
            Path dir = classes.resolveSibling("server-aot");
            Files.createDirectories(dir);
            String key = key(classes, entries);
            Path jar = dir.resolve(key + ".jar");
            Path cache = dir.resolve(key + ".aot");
            if (!Files.exists(jar)) {
                removeOthers(dir, key);
                writeJar(classes, jar);
            }
            List<String> withJar = new ArrayList<>(entries);
            withJar.replaceAll(e -> Path.of(e).equals(classes) ? jar.toString() : e);
            Launch jarOnly = new Launch(List.of(), String.join(File.pathSeparator, withJar));
            if (!Files.exists(cache)) {
                train(jarOnly, dir, cache);
            }
            return Files.exists(cache) ? new Launch(List.of("-XX:AOTCache=" + cache), jarOnly.classpath()) : jarOnly;
        } catch (IOException | RuntimeException | AssertionError e) {
            System.err.println("Server processes start without an AOT cache: " + e);
            return plain;
        }
    }

    /**
     * Boots a server with {@code -XX:AOTCacheOutput} and stops it: the JVM writes the cache as it
     * exits. Written under another name and moved, so a training cut short leaves no cache behind.
     */
    private static void train(Launch jarOnly, Path dir, Path cache) throws IOException {
        Path data = Files.createTempDirectory("recado-aot-training");
        Path written = dir.resolve(cache.getFileName() + ".training");
        try {
            var server = ServerProcess.start("aot-training", data, Map.of("RECADO_DATA_DIR", data.toString(),
                    "RECADO_SANDBOX", "false", "RECADO_DEMO_WORKSPACE", "false",
                    "RECADO_ADMIN_PASSWORD", "aot-training-password"),
                    new Launch(List.of("-XX:AOTCacheOutput=" + written), jarOnly.classpath()));
            try {
                server.awaitReady(Duration.ofSeconds(180));
                server.stop(Duration.ofSeconds(180));
            } finally {
                server.close();
            }
            if (Files.size(written) > 0) {
                Files.move(written, cache, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(written);
            delete(data);
        }
    }

    private static String key(Path classes, List<String> entries) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((Runtime.version() + "\n" + String.join("\n", entries)).getBytes());
            for (Path file : files(classes)) {
                digest.update(classes.relativize(file).toString().getBytes());
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** With an entry per directory too: without them a class loader finds no {@code db/migration} to scan. */
    private static void writeJar(Path classes, Path jar) throws IOException {
        Path partial = jar.resolveSibling(jar.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial); var zip = new JarOutputStream(out);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(p -> !p.equals(classes)).sorted().toList()) {
                String name = classes.relativize(path).toString().replace(File.separatorChar, '/');
                boolean directory = Files.isDirectory(path);
                zip.putNextEntry(new JarEntry(directory ? name + "/" : name));
                if (!directory) {
                    Files.copy(path, zip);
                }
                zip.closeEntry();
            }
        }
        Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void removeOthers(Path dir, String key) throws IOException {
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.filter(p -> !p.getFileName().toString().startsWith(key)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
