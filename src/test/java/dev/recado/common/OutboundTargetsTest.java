package dev.recado.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class OutboundTargetsTest {

    private final OutboundTargets strict = new OutboundTargets(false, ws -> false);

    @Test
    void everySpellingOfAnInternalAddressIsRefused() {
        for (String host : new String[] {"127.0.0.1", "127.1", "2130706433", "0x7f000001", "0x7f.0.0.1", "0177.0.0.1",
            "017700000001", "0", "0.0.0.0", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "::1", "[::1]", "::", "fd00::1", "fc00::5", "fe80::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
            "::127.0.0.1", "64:ff9b::a00:1", "localhost", "api.localhost", "metadata.google.internal", "intranet",
            "127.0.0.1."}) {
            assertThat(OutboundTargets.problem(host, false)).as(host).isNotNull();
        }
    }

    @Test
    void publicAddressesAndNamesPass() {
        for (String host : new String[] {"93.184.216.34", "8.8.8.8", "2606:2800:220:1::1", "crm.example.com", "cafe.example"}) {
            assertThat(OutboundTargets.problem(host, false)).as(host).isNull();
        }
    }

    @Test
    void literalsParseTheWayInetAtonDoes() throws Exception {
        assertThat(OutboundTargets.literal("2130706433")).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(OutboundTargets.literal("0x7f.1")).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(OutboundTargets.literal("10.0x10.0377")).isEqualTo(InetAddress.getByName("10.16.0.255"));
        assertThat(OutboundTargets.literal("256.1.1.1")).isNull();
        assertThat(OutboundTargets.literal("cafe")).isNull();
    }

    @Test
    void urlsWithCredentialsOrInternalHostsAreRefusedWithPrivateTarget() {
        for (String url : new String[] {"http://user:pass@example.com/", "http://169.254.169.254/latest/meta-data",
            "https://[::1]:8443/x", "http://0x7f000001/", "http://metadata.google.internal/computeMetadata/v1/"}) {
            assertThatThrownBy(() -> strict.checkUrl("url", url, 1)).as(url).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.code()).isEqualTo(OutboundTargets.CODE));
        }
        assertThatThrownBy(() -> strict.checkUrl("url", "ftp://example.com/", 1)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("validation_failed"));
        new OutboundTargets(true, ws -> false).checkUrl("url", "http://127.0.0.1:8080/", 1);
        new OutboundTargets(false, ws -> ws == 7).checkUrl("url", "http://127.0.0.1:8080/", 7);
    }

    @Test
    void atUseTheResolvedAddressIsCheckedAndRedirectsAreNotFollowed() {
        assertThatThrownBy(() -> strict.post("http://127.0.0.1:9/", 1, java.util.Map.of(), new byte[0]))
                .isInstanceOf(OutboundTargets.RefusedTarget.class);
    }

    @Test
    void aFetchOfAUrlCarryingCredentialsIsRefusedBeforeAnyConnection() {
        var lenient = new OutboundTargets(true, ws -> true);
        assertThatThrownBy(() -> lenient.get("http://user:secret@127.0.0.1:9/a.png", 1, 1000))
                .isInstanceOf(OutboundTargets.RefusedTarget.class).hasMessageNotContaining("secret");
        assertThatThrownBy(() -> lenient.post("http://user:secret@127.0.0.1:9/", 1, java.util.Map.of(), new byte[0]))
                .isInstanceOf(OutboundTargets.RefusedTarget.class).hasMessageNotContaining("secret");
    }
}
