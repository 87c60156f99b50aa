package dev.recado.messaging;

import dev.recado.common.PublicId;
import dev.recado.messaging.internal.SenderService;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Read-only view of a workspace's sender accounts with their live connection state, for pages
 * outside this module (the console). Creating and disabling senders stays with the API.
 */
@Service
public class SenderDirectory {

    /** More sender accounts than any workspace has; the list is not paged. */
    static final int MAX_SENDERS = 200;

    /** A sender as a page shows it; {@code status} is live (connected, reconnecting, throttled...). */
    public record SenderView(String id, String channel, String provider, String name, String status,
            int ratePerSecond, int window, boolean isDefault, boolean enabled) {
    }

    private final SenderService senders;

    SenderDirectory(SenderService senders) {
        this.senders = senders;
    }

    /** Newest first. */
    public List<SenderView> list(long workspaceId) {
        return senders.list(workspaceId, Long.MAX_VALUE, MAX_SENDERS).stream()
                .map(s -> new SenderView(PublicId.of("snd_", s.id()), s.channel(), s.provider(), s.name(),
                        senders.state(s).toString(), s.ratePerSecond(), s.window(), s.isDefault(), s.enabled()))
                .toList();
    }
}
