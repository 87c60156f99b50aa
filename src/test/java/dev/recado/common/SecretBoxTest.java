package dev.recado.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

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
}
