package dev.recado.messaging.spi;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How an HTTP provider's adapter keeps trying its first contact (a token check, a webhook
 * registration): after each failed attempt the sender is {@code RECONNECTING} and the next attempt
 * waits twice as long, from a second up to a minute, until one settles it or the adapter closes.
 */
public final class Reconnect {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofMinutes(1);

    /** One attempt; {@code nextDelay} is how long the one after it would wait (for its log line). */
    @FunctionalInterface
    public interface Attempt {
        /** True when settled (connected, or failed for good); false to try again. */
        boolean run(Duration nextDelay) throws InterruptedException;
    }

    private Reconnect() {
    }

    public static void untilSettled(BooleanSupplier closed, Consumer<SenderState> state, Attempt attempt) {
        Duration delay = FIRST;
        while (!closed.getAsBoolean()) {
            try {
                if (attempt.run(delay)) {
                    return;
                }
                state.accept(SenderState.RECONNECTING);
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            delay = delay.multipliedBy(2).compareTo(MAX) > 0 ? MAX : delay.multipliedBy(2);
        }
    }
}
