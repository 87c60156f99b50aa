package dev.recado.messaging;

import dev.recado.messaging.internal.FrequencyCountPruner;
import java.time.Instant;
import org.springframework.stereotype.Service;

/** Retention of the engine's per-contact marketing counters (the frequency cap's send times). */
@Service
public class MarketingCounters {

    private final FrequencyCountPruner pruner;

    MarketingCounters(FrequencyCountPruner pruner) {
        this.pruner = pruner;
    }

    /**
     * Deletes, {@code batch} rows at a time, the counters with no send since {@code before} — or since
     * the longest cap period before {@code now}, if that reaches further back, so no cap loses a send
     * it still counts. Answers how many rows went.
     */
    public long pruneBefore(Instant before, Instant now, int batch) {
        Instant cutoff = pruner.safeCutoff(before, now);
        long[] deleted = {0};
        long after = 0;
        do {
            after = pruner.prunePage(cutoff, after, batch, deleted);
        } while (after >= 0);
        return deleted[0];
    }
}
