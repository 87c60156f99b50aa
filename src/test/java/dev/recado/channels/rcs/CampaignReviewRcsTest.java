package dev.recado.channels.rcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.campaigns.SegmentManagement;
import dev.recado.campaigns.SegmentManagement.ChannelContent;
import dev.recado.campaigns.SegmentManagement.PassedOver;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The review reads RBM's capability answers as the adapter keeps them: a number RBM said it cannot
 * reach goes on to the next channel, one it was never asked about is counted as unknown (RBM is
 * asked at the send), never silently as RCS. The answers come from real sends to the local RBM API:
 * Rai's number is capable, Ona's is not, Uma was never written to.
 */
@RecadoTest
class CampaignReviewRcsTest extends RcsTestBase {

    static final List<SegmentManagement.Condition> AUDIENCE = List.of(new SegmentManagement.Condition("tag", "has", "rcsreview"));

    @Autowired
    dev.recado.messaging.SenderDirectory senderDirectory;
    @Autowired
    SegmentManagement segments;

    long workspaceId;

    @BeforeAll
    void threeCustomersOneOfThemUnreachable() {
        workspaceId = jdbc.sql("select workspace_id from senders where id = :s").param("s", rcs.senderId())
                .query(Long.class).single();
        // the SMS fallback needs a sender of its own: without one acceptance, and the review, pass it over
        dev.recado.support.TestSenders.smsDefault(senderDirectory, workspaceId);
        String rai = customer("Rai");
        String ona = customer("Ona");
        customer("Uma");
        rcs.rbm.notCapable.add(ona);
        String sentToRai = rcs.send("{\"to\":\"" + rai + "\",\"channel\":\"rcs\",\"body\":\"Hola\"}").text("id");
        String sentToOna = rcs.send("{\"to\":\"" + ona + "\",\"channel\":\"rcs\",\"body\":\"Hola\"}").text("id");
        rcs.awaitStatus(sentToRai, "sent");
        rcs.awaitStatus(sentToOna, "failed");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from rcs_capabilities"
                + " where phone in (:a, :b)").param("a", rai).param("b", ona).query(Long.class).single() == 2);
    }

    @Test
    void aNumberRbmCannotReachGoesToTheNextChannelAndOneNeverAskedIsUnknown() {
        var order = estimate("rcs", "sms");
        // Rai and Uma by RCS (Uma's number unknown to RBM yet), Ona by SMS
        assertThat(order.byChannel().get("rcs").recipients()).isEqualTo(2);
        assertThat(order.reachUnknown()).isEqualTo(Map.of("rcs", 1L));
        assertThat(order.byChannel().get("sms").recipients()).isEqualTo(1);
        assertThat(order.passedOver()).containsExactly(
                new PassedOver("rcs", "recipient_not_rcs_capable", null, null, null, 1, 0));

        var rcsOnly = estimate("rcs");
        assertThat(rcsOnly.passedOver()).containsExactly(
                new PassedOver("rcs", "recipient_not_rcs_capable", null, null, null, 1, 1));
        assertThat(rcsOnly.unreachable()).isZero();
        // SMS checks no capability: nothing unknown there
        assertThat(estimate("sms", "rcs").reachUnknown()).isEqualTo(Map.of("rcs", 0L));
    }

    @Test
    void anAnswerOlderThanItsTimeToLiveIsUnknownAgain() {
        var later = segments.estimate(workspaceId, "all", AUDIENCE, "transactional", List.of(
                new ChannelContent("rcs", null, "es", 1)), Instant.now().plus(Duration.ofDays(2)));
        assertThat(later.byChannel().get("rcs").recipients()).isEqualTo(3);
        assertThat(later.reachUnknown()).isEqualTo(Map.of("rcs", 3L));
        assertThat(later.passedOver()).isEmpty();
    }

    private SegmentManagement.Estimate estimate(String... channels) {
        return segments.estimate(workspaceId, "all", AUDIENCE, "transactional", java.util.Arrays.stream(channels)
                .map(c -> new ChannelContent(c, null, "es", 1)).toList(), Instant.now());
    }

    private String customer(String name) {
        String phone = RcsFixture.newCustomer();
        var r = rcs.api.post("/v1/contacts", rcs.key, "{\"phone\":\"" + phone + "\",\"first_name\":\"" + name
                + "\",\"tags\":[\"rcsreview\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return phone;
    }
}
