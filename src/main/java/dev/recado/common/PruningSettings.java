package dev.recado.common;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every {@link PruningJob} shares, bound once so a new job cannot give one of them a default
 * of its own: the node's name ({@code recado.node-id}, blank for a random one), how often a job runs
 * ({@code recado.retention.prune-every-minutes}) and how many rows each of its statements takes
 * ({@code recado.retention.batch}).
 */
@ConfigurationProperties("recado")
public record PruningSettings(@DefaultValue("") String nodeId, @DefaultValue Retention retention) {

    public record Retention(@DefaultValue("60") long pruneEveryMinutes, @DefaultValue("1000") int batch) {
    }

    public Duration every() {
        return Duration.ofMinutes(retention.pruneEveryMinutes());
    }

    public int batch() {
        return retention.batch();
    }

    public String node() {
        return nodeId == null ? "" : nodeId;
    }
}
