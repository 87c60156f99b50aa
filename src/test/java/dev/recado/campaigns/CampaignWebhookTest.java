package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import dev.recado.support.ClockedRecadoTest;
import dev.recado.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code campaign.*} webhooks: one signed delivery per move of a campaign, and one for an A/B test's winner. */
@ClockedRecadoTest
class CampaignWebhookTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;
    CampaignFixtures fx;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = CampaignFixtures.workspace(api, "Hooks " + System.nanoTime());
        fx = new CampaignFixtures(api, key);
    }

    @Test
    void eachMoveOfACampaignIsAnnouncedOnce() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            var hook = api.post("/v1/webhooks", key, "{\"url\":\"" + receiver.url("/hooks") + "\",\"events\":[\"campaign.*\"]}");
            assertThat(hook.status()).as(hook.body()).isEqualTo(201);
            fx.consentingContacts("hooks", 9100, 3);
            String segment = fx.segment("hooks");
            String done = fx.campaign(segment, fx.smsTemplate("marketing", "Hola BAJA al 600"), "");
            fx.action(done, "start");
            await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(done).get("status").asString().equals("completed"));

            // 12 a minute: a recipient every five seconds, so it is still running when paused
            String stopped = fx.campaign(segment, fx.smsTemplate("marketing", "Adios BAJA al 600"), ",\"rate_per_minute\":12");
            fx.action(stopped, "start");
            fx.action(stopped, "pause");
            fx.action(stopped, "resume");
            fx.action(stopped, "cancel");

            String a = fx.smsTemplate("marketing", "A BAJA al 600");
            String b = fx.smsTemplate("marketing", "B BAJA al 600");
            String ab = fx.campaign(segment, a, ",\"ab_test\":{\"variants\":[{\"template_id\":\"" + a + "\"},{\"template_id\":\""
                    + b + "\"}],\"test_share_percent\":50,\"decide_after_minutes\":0}");
            fx.action(ab, "start");
            await().atMost(Duration.ofSeconds(30)).until(() -> fx.get(ab).get("status").asString().equals("completed"));

            await().atMost(Duration.ofSeconds(30)).until(() -> types(receiver, done).size() == 2
                    && types(receiver, stopped).size() == 4 && types(receiver, ab).size() == 3);
            // nothing more arrives: each move was announced once
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> receiver.received().size() == 9);
            assertThat(types(receiver, done)).containsExactly("campaign.started", "campaign.completed");
            assertThat(types(receiver, stopped))
                    .containsExactly("campaign.started", "campaign.paused", "campaign.resumed", "campaign.canceled");
            assertThat(types(receiver, ab)).containsExactly("campaign.started", "campaign.ab_winner", "campaign.completed");
            JsonNode winner = deliveries(receiver, ab).stream().filter(d -> d.get("type").asString().equals("campaign.ab_winner"))
                    .findFirst().orElseThrow().get("data");
            assertThat(winner.get("winner").asInt()).isZero();
            assertThat(winner.get("template_id").asString()).isEqualTo(a);
            assertThat(receiver.received()).allSatisfy(r -> assertThat(r.header("Recado-Signature")).isNotNull());
        }
    }

    private static List<String> types(WebhookReceiver receiver, String campaign) {
        return deliveries(receiver, campaign).stream().map(d -> d.get("type").asString()).toList();
    }

    /** The deliveries about one campaign, in the order of their moves. */
    private static List<JsonNode> deliveries(WebhookReceiver receiver, String campaign) {
        return receiver.received().stream().map(r -> JSON.readTree(r.body()))
                .filter(d -> d.get("data").get("campaign_id").asString().equals(campaign))
                .sorted(java.util.Comparator.comparing((JsonNode d) -> d.get("created_at").asString())).toList();
    }
}
