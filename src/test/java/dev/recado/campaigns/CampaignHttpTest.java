package dev.recado.campaigns;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

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
}
