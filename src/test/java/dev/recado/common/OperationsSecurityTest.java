package dev.recado.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Platform-wide metrics are for the platform operator only; health stays open for probes. */
@RecadoTest
class OperationsSecurityTest {

    @LocalServerPort
    int port;

    @Test
    void metricsNeedThePlatformKey() {
        var api = new ApiClient(port);
        String workspaceKey = api.newWorkspace("Metrics");
        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics"}) {
            assertThat(api.get(path, null).status()).as(path).isEqualTo(401);
            assertThat(api.get(path, workspaceKey).status()).as(path).isIn(401, 403);
            assertThat(api.get(path, ApiClient.PLATFORM_KEY).status()).as(path).isEqualTo(200);
        }
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void trustedProxiesAreParsedAsAddressesAndRanges() {
        var proxies = new TrustedProxies("10.0.0.0/8, 192.0.2.1, ::1");
        assertThat(proxies.trusted("10.200.3.4")).isTrue();
        assertThat(proxies.trusted("192.0.2.1")).isTrue();
        assertThat(proxies.trusted("192.0.2.2")).isFalse();
        assertThat(proxies.trusted("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(new TrustedProxies("").trusted("127.0.0.1")).isFalse();
    }
}
