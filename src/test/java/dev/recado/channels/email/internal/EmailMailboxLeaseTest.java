package dev.recado.channels.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.RecadoTest;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two nodes and one mailbox folder: one reads it; the other takes it over only once the lease lapses. */
@RecadoTest
class EmailMailboxLeaseTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @Test
    void oneNodeHoldsAFolderUntilItsLeaseLapses() {
        long sender = System.nanoTime();
        var first = new MailboxCursors(jdbc, clock, "node-a");
        var second = new MailboxCursors(jdbc, clock, "node-b");
        assertThat(first.lease(sender, "INBOX")).isTrue();
        assertThat(second.lease(sender, "INBOX")).isFalse();
        assertThat(first.lease(sender, "INBOX")).as("renewed by its holder").isTrue();
        assertThat(first.advance(sender, "INBOX", 7, 3)).isTrue();
        assertThat(second.advance(sender, "INBOX", 7, 99)).as("a node without the lease cannot move the position").isFalse();
        assertThat(second.lease(sender, "Replies")).as("folders are leased one by one").isTrue();

        var later = new MailboxCursors(jdbc, Clock.offset(clock, MailboxCursors.LEASE.plus(Duration.ofSeconds(1))), "node-c");
        assertThat(later.lease(sender, "INBOX")).isTrue();
        assertThat(later.position(sender, "INBOX")).isEqualTo(new MailboxCursors.Position(7, 3));
        assertThat(first.advance(sender, "INBOX", 7, 4)).as("the old holder lost it").isFalse();

        later.release(sender, "INBOX");
        assertThat(second.lease(sender, "INBOX")).as("a released folder is free at once").isTrue();
    }
}
