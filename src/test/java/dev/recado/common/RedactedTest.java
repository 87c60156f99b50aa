package dev.recado.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.RecadoApplication;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

/**
 * No record of ours prints a secret: every record in src/main with a component named like one (or a
 * settings map, which holds a sender's passwords and tokens) is built with recognisable values and
 * its {@code toString} must show none of them.
 */
class RedactedTest {

    private static final String SECRET = "s3cr3t-value";

    record Login(String user, String password, Map<String, Object> settings, String key) {

        @Override
        public String toString() {
            return Redacted.toString(this, "key");
        }
    }

    @Test
    void secretComponentsAndSettingsShowOnlyThatTheyAreSet() {
        var settings = new LinkedHashMap<String, Object>();
        settings.put("host", "smtp.example.com");
        settings.put("imap_password", SECRET + "1");
        settings.put("access_token", SECRET + "2");
        settings.put("dkim_private_key", SECRET + "3");
        assertThat(new Login("ana", SECRET, settings, SECRET + "4").toString()).isEqualTo(
                "Login[user=ana, password=******, settings={host=smtp.example.com, imap_password=******,"
                        + " access_token=******, dkim_private_key=******}, key=******]");
        assertThat(new Login("ana", null, null, null).toString())
                .isEqualTo("Login[user=ana, password=null, settings=null, key=null]");
    }

    @Test
    void namesThatAreNoSecretsStayVisible() {
        assertThat(Redacted.secretName("apiKeyId")).isFalse();
        assertThat(Redacted.secretName("idempotencyKey")).isFalse();
        assertThat(Redacted.secretName("widgetKey")).isFalse();
        for (String name : List.of("password", "passwordHash", "appSecret", "webhook_secret", "botToken",
                "access_token", "apiKey", "api_key", "privateKey", "dkim_private_key", "serviceAccountJson")) {
            assertThat(Redacted.secretName(name)).as(name).isTrue();
        }
    }

    @Test
    void noRecordOfOursPrintsItsSecrets() throws Exception {
        List<Class<?>> checked = new ArrayList<>();
        for (Class<?> type : recordsOfOurs()) {
            RecordComponent[] components = type.getRecordComponents();
            boolean secretNamed = Arrays.stream(components).anyMatch(c -> Redacted.secretName(c.getName()));
            boolean settings = Arrays.stream(components)
                    .anyMatch(c -> c.getName().equals("settings") && Map.class.isAssignableFrom(c.getType()));
            if (secretNamed || settings) {
                assertThat(instance(type, Set.of()).toString()).as(type.getName()).doesNotContain(SECRET)
                        .startsWith(type.getSimpleName() + "[");
                checked.add(type);
            }
        }
        assertThat(checked).extracting(Class::getSimpleName).contains("EmailSettings", "ImapSettings",
                "SmppSettings", "WhatsAppSettings", "TelegramSettings", "RbmSettings", "RecadoProperties",
                "Sender", "SenderConfig", "ConsoleUser");
    }

    @Test
    void apiKeysInTheClearArePrintedMasked() throws Exception {
        for (String name : List.of("dev.recado.workspace.CreatedApiKey",
                "dev.recado.workspace.internal.ApiKeyController$KeyResponse")) {
            Class<?> type = Class.forName(name);
            assertThat(instance(type, Set.of("key")).toString()).as(name).doesNotContain(SECRET)
                    .contains("plain-name");
        }
    }

    private static List<Class<?>> recordsOfOurs() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) -> "java.lang.Record".equals(reader.getClassMetadata().getSuperClassName()));
        var main = RecadoApplication.class.getProtectionDomain().getCodeSource().getLocation();
        List<Class<?>> records = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("dev.recado")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            if (type.getProtectionDomain().getCodeSource().getLocation().equals(main)) {
                records.add(type);
            }
        }
        assertThat(records).hasSizeGreaterThan(100);
        return records;
    }

    /** The record built with the secret in every secret text and settings entry, plain values elsewhere. */
    private static Object instance(Class<?> type, Set<String> alsoSecret) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            values[i] = sample(types[i], name, Redacted.secretName(name) || alsoSecret.contains(name));
        }
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return canonical.newInstance(values);
    }

    private static Object sample(Class<?> type, String name, boolean secret) {
        if (type == String.class) {
            return (secret ? SECRET : "plain") + "-" + name;
        }
        if (Map.class.isAssignableFrom(type)) {
            return new LinkedHashMap<>(Map.of("password", SECRET, "access_token", SECRET, "host", "h"));
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class) {
            return switch (type.getName()) {
                case "int" -> 1;
                case "long" -> 1L;
                case "short" -> (short) 1;
                default -> (byte) 1;
            };
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == List.class || type == java.util.Collection.class) {
            return List.of();
        }
        if (type == Set.class) {
            return Set.of();
        }
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type == Duration.class) {
            return Duration.ofSeconds(1);
        }
        if (type == Instant.class) {
            return Instant.EPOCH;
        }
        return type == Path.class ? Path.of("data") : null;
    }
}
