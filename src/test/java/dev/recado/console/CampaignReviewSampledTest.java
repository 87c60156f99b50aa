package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.campaigns.CampaignFixtures;
import dev.recado.campaigns.SegmentManagement;
import dev.recado.campaigns.SegmentManagement.ChannelContent;
import dev.recado.campaigns.TemplateManagement;
import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.ClockedRecadoTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * An audience larger than the review renders: 2,500 Spanish numbers imported in one file, the first
 * 2,000 with a short name and the last 500 with one long enough for a second segment. The review
 * renders a sample spread over the whole audience, so the long names at its end are counted too (the
 * first 2,000 alone would have priced everyone at one segment), and says that it sampled.
 */
@ClockedRecadoTest
class CampaignReviewSampledTest extends NewWorkspaceSupport {

    static final int SHORT = 2_000;
    static final int LONG = 500;
    static final String LONG_NAME = "Maximiliano Bartolomeo de la Fuente Garcia Lopez";
    static final String BODY = "Hola {{first_name}}, tu pedido ya ha salido: sigue el envio en https://tienda.example/envio"
            + " y guarda este mensaje hasta recibirlo.";

    @Autowired
    SegmentManagement segments;
    @Value("${recado.links.base-url}")
    String linksBase;

    @Test
    void aLargeAudienceIsPricedBySegmentsSampledOverAllOfItAndSaysSo() {
        var api = new ApiClient(port);
        var ws = CampaignFixtures.workspaceIn(api, "Sampled", "Europe/Madrid");
        String key = ws.text("api_key");
        long workspaceId = PublicId.parse("ws_", ws.text("id")).orElseThrow();
        StringBuilder csv = new StringBuilder("phone,first_name,language,tags\n");
        for (int i = 0; i < SHORT + LONG; i++) {
            csv.append("+34600").append(200_000 + i).append(',').append(i < SHORT ? "Ana" : LONG_NAME)
                    .append(",es,muestra\n");
        }
        var started = api.postRaw("/v1/contacts/imports", key, "text/csv", csv.toString().getBytes());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String importId = started.text("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> !"running".equals(
                api.get("/v1/contacts/imports/" + importId, key).text("status")));
        assertThat(api.get("/v1/contacts/imports/" + importId, key).json().path("created").asLong())
                .isEqualTo(SHORT + LONG);

        // transactional: no footer; every number is +346, 0.04 a segment
        String link = linksBase + "/l/" + "x".repeat(10);
        int shortSegments = CampaignReviewEstimateHttpTest.segmentsOf(text("Ana", link));
        int longSegments = CampaignReviewEstimateHttpTest.segmentsOf(text(LONG_NAME, link));
        assertThat(shortSegments).isEqualTo(1);
        assertThat(longSegments).isEqualTo(2);
        BigDecimal exact = new BigDecimal("0.04").multiply(BigDecimal.valueOf(
                (long) SHORT * shortSegments + (long) LONG * longSegments));

        var sms = new ChannelContent("sms", null, "es", 1, List.of(new TemplateManagement.Variant("sms", "es", BODY,
                null, null, null, null, null)));
        var audience = List.of(new SegmentManagement.Condition("tag", "has", "muestra"));
        var estimate = segments.estimate(workspaceId, "all", audience, "transactional", List.of(sms), Instant.now());
        assertThat(estimate.byChannel().get("sms").recipients()).isEqualTo(SHORT + LONG);
        // the sample's shares price the audience: within 3 % of each recipient's own price (120), where
        // the first contacts' would have said 100
        assertThat(estimate.byChannel().get("sms").cost()).isBetween(exact.multiply(new BigDecimal("0.97")),
                exact.multiply(new BigDecimal("1.03")));
        var spread = estimate.segments().get("sms");
        assertThat(spread.sampled()).isTrue();
        assertThat(spread.sampleSize()).isBetween(1_000, 2_000);
        assertThat(spread.min()).isEqualTo(1);
        assertThat(spread.max()).isEqualTo(2);
        assertThat(spread.mean()).isBetween(new BigDecimal("1.17"), new BigDecimal("1.23"));

        // the builder's review says the segments were counted on a sample
        String email = "sampled" + System.nanoTime() + "@test.local";
        TestUsers.createAgent(jdbc, passwords, workspaceId, email, email + "-password");
        var owner = new ConsoleSession(port);
        assertThat(owner.login(email, email + "-password").location()).endsWith("/");
        var live = owner.postRepeated("/campaigns/builder/live", Map.of("audience", "tag", "tag", "muestra",
                "content", "new", "templateName", "Envio", "body", BODY, "purpose", "transactional"),
                "channels", List.of("sms"));
        assertThat(live.body()).containsPattern("id=\"review-reach-sms\"[^>]*>2,500<")
                .containsPattern("id=\"review-segments-sms\"[^>]*>1 to 2 \\(mean 1\\.[12][0-9]?\\)<")
                .containsPattern("id=\"review-segments-sampled-sms\"[^>]*>Counted on the texts of [0-9,]+ recipients"
                        + " spread over the audience");
    }

    private static String text(String name, String link) {
        return "Hola " + name + ", tu pedido ya ha salido: sigue el envio en " + link
                + " y guarda este mensaje hasta recibirlo.";
    }
}
