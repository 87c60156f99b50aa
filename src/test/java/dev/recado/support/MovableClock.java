package dev.recado.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The system clock plus an offset that a test moves forward, so days pass without waiting for
 * them. Import {@link Config} into a test class: the whole application then reads this clock.
 */
public final class MovableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the application's clock is UTC");
    }

    /** Moves time forward to {@code at} (never back: leases and due times assume it only grows). */
    public void moveTo(Instant at) {
        offset.updateAndGet(o -> {
            Duration wanted = Duration.between(Instant.now(), at);
            return wanted.compareTo(o) > 0 ? wanted : o;
        });
    }

    public void advance(Duration by) {
        offset.updateAndGet(o -> o.plus(by));
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }
}
