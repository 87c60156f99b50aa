package dev.recado.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void sealsWithAFreshNonceAndOpensAgain() {
        var box = new SecretBox(key(1), null);
        String a = box.seal("s3cret");
        String b = box.seal("s3cret");
        assertThat(a).startsWith("enc:v1:").doesNotContain("s3cret").isNotEqualTo(b);
        assertThat(box.open(a)).isEqualTo("s3cret");
        assertThat(box.needsResealing(a)).isFalse();
        assertThat(box.open(null)).isNull();
    }

    @Test
    void legacyClearValuesPassThroughAndAskToBeSealed() {
        var box = new SecretBox(key(1), null);
        assertThat(box.open("whsec_clear")).isEqualTo("whsec_clear");
        assertThat(box.needsResealing("whsec_clear")).isTrue();
    }

    @Test
    void rotationOpensWithThePreviousKeyAndAsksToReseal() {
        String old = new SecretBox(key(1), null).seal("pw");
        var rotated = new SecretBox(key(2), key(1));
        assertThat(rotated.open(old)).isEqualTo("pw");
        assertThat(rotated.needsResealing(old)).isTrue();
        assertThat(rotated.needsResealing(rotated.seal("pw"))).isFalse();
        assertThatThrownBy(() -> new SecretBox(key(3), null).open(old)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RECADO_SECRET_KEY_PREVIOUS");
    }

    @Test
    void tamperingIsDetected() {
        var box = new SecretBox(key(1), null);
        String sealed = box.seal("pw");
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertThatThrownBy(() -> box.open(tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void processesStartingTogetherOnOneDataDirectoryGenerateOneKey(@TempDir Path dir) throws Exception {
        int starters = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<byte[]>> keys = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(starters)) {
            for (int i = 0; i < starters; i++) {
                keys.add(pool.submit(() -> {
                    go.await();
                    return SecretBox.generatedKey(dir);
                }));
            }
            go.countDown();
            List<byte[]> generated = new ArrayList<>();
            for (Future<byte[]> key : keys) {
                generated.add(key.get());
            }
            byte[] kept = Base64.getDecoder().decode(Files.readString(dir.resolve("secret.key")).trim());
            assertThat(generated).allSatisfy(key -> assertThat(key).isEqualTo(kept));
        }
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(dir.resolve("secret.key"));
        }
    }
}
