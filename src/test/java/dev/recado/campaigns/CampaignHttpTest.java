package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A workspace of its own per test on the sandbox, with the campaign fixtures and a visitor for the
 * recipients' pages; the properties are CampaignRunTest's, so these tests share its context.
 */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=20",
        "recado.campaigns.page-size=10", "recado.campaigns.poll-millis=200"})
abstract class CampaignHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;
    CampaignFixtures fx;
    LinkVisitor visitor;

    @BeforeEach
    void newWorkspace() {
        api = new ApiClient(port);
        key = CampaignFixtures.workspace(api, getClass().getSimpleName() + " " + System.nanoTime());
        fx = new CampaignFixtures(api, key);
        visitor = new LinkVisitor(port);
    }

    /** The estimate passed exactly one channel over: which, why, for how many, and how many of them were skipped. */
    static void assertOnlyPassedOver(JsonNode estimate, String channel, String code, long recipients, long skipped) {
        JsonNode passed = estimate.path("passed_over");
        assertThat(passed.size()).as(estimate.toString()).isEqualTo(1);
        assertThat(passed.get(0).path("channel").asString()).isEqualTo(channel);
        assertThat(passed.get(0).path("code").asString()).isEqualTo(code);
        assertThat(passed.get(0).path("recipients").asLong()).isEqualTo(recipients);
        assertThat(passed.get(0).path("skipped").asLong()).isEqualTo(skipped);
    }
}
