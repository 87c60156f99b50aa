package dev.recado.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.consent.Channel;
import dev.recado.consent.ConsentSource;
import dev.recado.consent.ConsentStatus;
import dev.recado.consent.Purpose;
import dev.recado.content.sms.SmsEncoding;
import dev.recado.messaging.MessageStatus;
import dev.recado.workspace.ApiKeyScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text the console shows comes from the bundles: both languages hold the same keys, and
 * every key a template or a console class names exists in them.
 */
class MessageBundlesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path CONSOLE = Path.of("src/main/java/dev/recado/console/internal");
    /** {@code #{nav.contacts}} and {@code #{keys.created.title(${name})}}; not the {@code #{|...|}} kind. */
    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9_.]*)");
    /** Keys the console classes pass to the message source, e.g. {@code text("billing.text.trial")}. */
    private static final Pattern JAVA_KEY = Pattern.compile(
            "\"((?:billing|problem|refusal|actor|consent|contact|keys|message|dashboard|send|users|webhooks|chart)"
                    + "\\.[A-Za-z0-9_.]+[A-Za-z0-9_])\"");

    private final Properties english = load("messages.properties");
    private final Properties spanish = load("messages_es.properties");

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertThat(keys(spanish)).as("keys only in English").containsAll(keys(english));
        assertThat(keys(english)).as("keys only in Spanish").containsAll(keys(spanish));
    }

    @Test
    void noTextIsLeftEmpty() {
        Stream.of(english, spanish).forEach(bundle -> bundle.forEach((k, v) ->
                assertThat(v.toString().strip()).as("text of %s", k).isNotEmpty()));
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            assertThat(missingKeys(files.filter(f -> f.toString().endsWith(".html")), TEMPLATE_KEY)).isEmpty();
        }
    }

    @Test
    void everyKeyAConsoleClassNamesExists() throws IOException {
        try (Stream<Path> files = Files.list(CONSOLE)) {
            assertThat(missingKeys(files, JAVA_KEY)).isEmpty();
        }
    }

    /** Templates build these keys from values ({@code #{|channel.${c}|}}): every value needs its text. */
    @Test
    void everyValueATemplateWordsHasItsText() {
        expectKeys("channel.", Channel.values());
        expectKeys("purpose.", Purpose.values());
        expectKeys("status.", ConsentStatus.values());
        expectKeys("source.", ConsentSource.values());
        expectKeys("message.status.", MessageStatus.values());
        expectKeys("keys.scope.", ApiKeyScope.values());
        expectKeys("message.status.", "accepted", "scheduled", "queued", "sent", "delivered", "read", "received");
        expectKeys("import.status.", "running", "completed", "failed");
        expectKeys("billing.kind.", "usage", "trial", "credit");
        expectKeys("encoding.", SmsEncoding.values());
    }

    private void expectKeys(String prefix, Object... values) {
        Arrays.stream(values).map(v -> prefix + v).forEach(key -> {
            assertThat(english).as("English text for " + key).containsKey(key);
            assertThat(spanish).as("Spanish text for " + key).containsKey(key);
        });
    }

    /** "file: key" for each key these files name that the English bundle lacks. */
    private Set<String> missingKeys(Stream<Path> files, Pattern key) throws IOException {
        Set<String> missing = new TreeSet<>();
        for (Path file : files.toList()) {
            var m = key.matcher(Files.readString(file));
            while (m.find()) {
                if (!english.containsKey(m.group(1))) {
                    missing.add(file.getFileName() + ": " + m.group(1));
                }
            }
        }
        return missing;
    }

    private static Set<String> keys(Properties bundle) {
        Set<String> keys = new TreeSet<>();
        bundle.keySet().forEach(k -> keys.add(k.toString()));
        return keys;
    }

    /** From the source tree, like the templates, so both sides are read from the same place. */
    private static Properties load(String file) {
        var bundle = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/i18n", file), StandardCharsets.UTF_8)) {
            bundle.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bundle;
    }
}
