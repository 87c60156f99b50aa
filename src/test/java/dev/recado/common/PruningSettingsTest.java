package dev.recado.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The pruners' shared settings keep the defaults each pruner once declared for itself. */
class PruningSettingsTest {

    private static PruningSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("recado", PruningSettings.class);
    }

    @Test
    void unsetMeansHourlyInThousandsOnARandomNode() {
        var settings = bind(Map.of());
        assertThat(settings.every()).isEqualTo(Duration.ofMinutes(60));
        assertThat(settings.batch()).isEqualTo(1000);
        assertThat(settings.node()).isEmpty();
    }

    @Test
    void theInstallationsValuesReachEveryJob() {
        var settings = bind(Map.of("recado.node-id", "node-7", "recado.retention.prune-every-minutes", "15",
                "recado.retention.batch", "250", "recado.retention.media-days", "30"));
        assertThat(settings.every()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.batch()).isEqualTo(250);
        assertThat(settings.node()).isEqualTo("node-7");
    }
}
