package dev.recado.channels.webchat.internal;

import dev.recado.workspace.UserManagement;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Whether a widget is online now: its {@code offline} setting, its business hours and, for
 * {@code no_agents}, whether anyone of the workspace was active in the console in the last
 * {@link #AGENTS_AWAY_AFTER} (recorded in the database, so it is the same answer on every node).
 */
@Component
class WidgetPresence {

    /** Console activity is recorded at most once a minute, so this is a few page views of slack. */
    static final Duration AGENTS_AWAY_AFTER = Duration.ofMinutes(5);

    private final UserManagement users;
    private final Clock clock;

    WidgetPresence(UserManagement users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    boolean online(WebchatChannelAdapter widget) {
        return widget.settings().online(clock.instant(),
                () -> users.anyoneActiveWithin(widget.config().workspaceId(), AGENTS_AWAY_AFTER));
    }
}
