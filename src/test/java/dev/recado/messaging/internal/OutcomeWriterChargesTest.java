package dev.recado.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.billing.BillingManagement;
import dev.recado.common.Db;
import dev.recado.common.IdBlocks;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.SubmitOutcome;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** A batch of accepted submits asks whether each message is charged on delivery once, not once per step. */
@RecadoTest
class OutcomeWriterChargesTest {

    private static final long SENDER = 99_999_998L;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTemplate template;
    @Autowired
    MessageOutcomes store;
    @Autowired
    DispatchQueue queue;
    @Autowired
    ReceiptApplier receipts;
    @Autowired
    BillingManagement billing;
    @Autowired
    OutcomeAnnouncer announcer;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    Clock clock;
    @Autowired
    SenderRepository senders;
    @Autowired
    List<ChannelAdapterFactory> factories;
    @Autowired
    IdBlocks ids;

    @Test
    void eachAcceptedMessageAsksOnceWhetherItIsChargedOnDelivery() {
        new ApiClient(port).newWorkspace("Outcomes " + System.nanoTime());
        long workspace = jdbc.sql("select max(id) from workspaces").query(Long.class).single();
        AtomicInteger asked = new AtomicInteger();
        var charges = new DeliveryCharges(senders, factories, jdbc, template, billing, ids) {
            @Override
            boolean onDelivery(long senderId) {
                asked.incrementAndGet();
                return super.onDelivery(senderId);
            }
        };
        var writer = new OutcomeWriter(store, queue, receipts, billing, charges, announcer, tx, clock, Duration.ofSeconds(6));
        List<OutcomeWriter.Outcome> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long id = sending(workspace, "+3461300070" + i);
            var claimed = new DispatchQueue.Claimed(id, workspace, null, null, "+3461300070" + i, null, "x", null, false, 1,
                    null, BigDecimal.ZERO, 1, null, "transactional", "sms", null);
            batch.add(new OutcomeWriter.Outcome(SENDER, claimed, new SubmitOutcome.Accepted(List.of("once-" + id))));
        }

        writer.write(batch);

        assertThat(asked.get()).isEqualTo(3);
        for (var o : batch) {
            // a sender that charges at acceptance: sent and settled in that same batch
            assertThat(jdbc.sql("select status || ':' || settled from messages where id = :id")
                    .param("id", o.message().id()).query(String.class).single()).isEqualToIgnoringCase("sent:true");
        }
    }

    /** A message a dispatcher claimed, its submit answered. */
    private long sending(long workspace, String to) {
        long id = jdbc.sql("select nextval('message_id_seq')").query(Long.class).single();
        Instant now = Instant.now();
        jdbc.sql("""
                insert into messages (id, workspace_id, sender_id, direction, channel, to_address, body, purpose, priority,
                    status, segments, price, currency, created_at, updated_at, attempts)
                values (:id, :ws, :sender, 'outbound', 'sms', :to, 'x', 'transactional', 5, 'sending', 1, 0, 'EUR',
                    :now, :now, 1)""")
                .param("id", id).param("ws", workspace).param("sender", SENDER).param("to", to)
                .param("now", Db.ts(now)).update();
        return id;
    }
}
