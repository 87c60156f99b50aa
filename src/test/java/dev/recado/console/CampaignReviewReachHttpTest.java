package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.campaigns.CampaignManagement;
import dev.recado.campaigns.SegmentManagement;
import dev.recado.campaigns.TemplateManagement;
import dev.recado.common.ApiException;
import dev.recado.common.PublicId;
import dev.recado.consent.Channel;
import dev.recado.consent.ConsentManagement;
import dev.recado.consent.ConsentSource;
import dev.recado.consent.ConsentStatus;
import dev.recado.consent.NewConsent;
import dev.recado.consent.Purpose;
import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactManagement;
import dev.recado.support.RecadoTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The builder's review counts on each channel only the recipients it reaches first (an identity
 * there and consent for the purpose) and prices them at the sample's price there, saying how many
 * no channel reaches; with "cheapest" the channels are tried in the sample's price order.
 * Prices in the test setup: SMS to +34 0.04 a segment, email 0.001.
 */
@RecadoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignReviewReachHttpTest extends NewWorkspaceSupport {

    @Autowired
    dev.recado.messaging.SenderDirectory senderDirectory;
    @Autowired
    ContactManagement contacts;
    @Autowired
    ConsentManagement consent;
    @Autowired
    SegmentManagement segments;
    @Autowired
    CampaignManagement campaigns;
    @Autowired
    TemplateManagement templates;

    long workspaceId;
    ConsoleSession owner;
    String template;
    long telegramOnly;

    private long person(String phone, String email, String name) {
        return contacts.create(workspaceId, new ContactInput(phone, email, name, null, "es", null, List.of("alcance"),
                Map.of()), false).contact().id();
    }

    private void marketing(long contact, Channel channel, ConsentStatus status, Instant at) {
        consent.record(workspaceId, contact, new NewConsent(channel, Purpose.MARKETING, status, ConsentSource.FORM,
                "test", "contact", at));
    }

    @BeforeAll
    void anAudienceReachableInDifferentWays() {
        var created = newWorkspace("Alcance Norte", "alcance@test.local", "5.00");
        workspaceId = created.workspaceId();
        owner = created.session();
        // both channels need a sender: without one acceptance, and the review, pass the channel over
        dev.recado.support.TestSenders.smsDefault(senderDirectory, workspaceId);
        dev.recado.support.TestSenders.emailDefault(senderDirectory, workspaceId);
        Instant before = Instant.now().minusSeconds(60);
        // the workspace asks email opt-ins to be confirmed: Ana's waits for her click, SMS only
        long ana = person("+34600000921", "ana@example.com", "Ana");
        marketing(ana, Channel.EMAIL, ConsentStatus.OPTED_IN, before);
        marketing(ana, Channel.SMS, ConsentStatus.OPTED_IN, before);
        long luis = person("+34600000922", null, "Luis");
        marketing(luis, Channel.SMS, ConsentStatus.OPTED_IN, before);
        // an opt-in for every channel, then out of SMS: email only
        long eva = person("+34600000923", "eva@example.com", "Eva");
        marketing(eva, Channel.ALL, ConsentStatus.OPTED_IN, before);
        marketing(eva, Channel.SMS, ConsentStatus.OPTED_OUT, before.plusSeconds(1));
        long rosa = person("+34600000927", "rosa@example.com", "Rosa");
        marketing(rosa, Channel.ALL, ConsentStatus.OPTED_IN, before);
        person("+34600000924", null, "Bea"); // no consent
        long tom = person("+34600000925", null, "Tom");
        marketing(tom, Channel.SMS, ConsentStatus.OPTED_IN, before);
        marketing(tom, Channel.SMS, ConsentStatus.OPTED_OUT, before.plusSeconds(1));
        // consent by email but no address: no identity there
        long noAddress = person("+34600000926", null, "Sin");
        marketing(noAddress, Channel.EMAIL, ConsentStatus.OPTED_IN, before);
        telegramOnly = person(null, "teo@example.com", "Teo");
        marketing(telegramOnly, Channel.TELEGRAM, ConsentStatus.OPTED_IN, before);
        template = PublicId.of("tpl_", templates.create(workspaceId, "Dos canales", "marketing", List.of(
                new TemplateManagement.Variant("email", "es", null, "Hola", null, "Hola {{first_name}} por correo", null,
                        null),
                new TemplateManagement.Variant("sms", "es", "Hola {{first_name}} por SMS", null, null, null, null,
                        null))).id());
    }

    private static final List<SegmentManagement.Condition> EVERYONE = List.of(
            new SegmentManagement.Condition("tag", "has", "alcance"));

    @Test
    void eachRecipientCountsOnTheFirstChannelThatReachesThem() {
        var reach = segments.reach(workspaceId, "all", EVERYONE, "marketing", List.of("email", "sms"));
        assertThat(reach.firstByChannel()).containsExactly(Map.entry("email", 2L), Map.entry("sms", 2L));
        assertThat(reach.unreachable()).isEqualTo(4);
        var smsFirst = segments.reach(workspaceId, "all", EVERYONE, "marketing", List.of("sms", "email"));
        assertThat(smsFirst.firstByChannel()).containsExactly(Map.entry("sms", 3L), Map.entry("email", 1L));
        assertThat(smsFirst.unreachable()).isEqualTo(4);

        // a Telegram chat id is Teo's identity there
        assertThat(segments.reach(workspaceId, "all", EVERYONE, "marketing", List.of("telegram")).firstByChannel())
                .containsEntry("telegram", 0L);
        contacts.linkChannelId(workspaceId, telegramOnly, "telegram", "7700" + System.nanoTime() % 100000);
        assertThat(segments.reach(workspaceId, "all", EVERYONE, "marketing", List.of("telegram")).firstByChannel())
                .containsEntry("telegram", 1L);

        // transactional needs no opt-in, only no opt-out of transactional messages
        var transactional = segments.reach(workspaceId, "all", EVERYONE, "transactional", List.of("email", "sms"));
        assertThat(transactional.firstByChannel()).containsExactly(Map.entry("email", 4L), Map.entry("sms", 4L));
        assertThat(transactional.unreachable()).isZero();

        Assertions.assertThatThrownBy(() -> segments.reach(workspaceId, "all", EVERYONE, "marketing", List.of("fax")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).field())
                        .isEqualTo("channels[0]"));
    }

    @Test
    void theReviewPricesOnlyReachableRecipientsAndSaysHowManyAreLeftOut() {
        var live = owner.postRepeated("/campaigns/builder/live", Map.ofEntries(Map.entry("audience", "tag"),
                Map.entry("tag", "alcance"), Map.entry("content", "saved"), Map.entry("templateId", template),
                Map.entry("purpose", "marketing")), "channels", List.of("sms", "email"));
        assertThat(live.status()).isEqualTo(200);
        // 3 by SMS at 0.04, 1 by email at 0.001: not 8 recipients at the sample's first price
        assertThat(live.body()).contains("data-count=\"8\"").containsPattern("id=\"review-reach-sms\"[^>]*>3<")
                .containsPattern("id=\"review-reach-email\"[^>]*>1<")
                .containsPattern("id=\"review-unreachable\"[^>]*>4<")
                .containsPattern("id=\"review-total\"[^>]*>€0.121<");

        // cheapest: email (0.001) is tried before SMS for everyone
        var cheapest = owner.postRepeated("/campaigns/builder/live", Map.ofEntries(Map.entry("audience", "tag"),
                Map.entry("tag", "alcance"), Map.entry("content", "saved"), Map.entry("templateId", template),
                Map.entry("purpose", "marketing"), Map.entry("cheapest", "true")), "channels", List.of("sms", "email"));
        assertThat(cheapest.body()).containsPattern("id=\"review-reach-email\"[^>]*>2<")
                .containsPattern("id=\"review-reach-sms\"[^>]*>2<")
                .containsPattern("id=\"review-total\"[^>]*>€0.082<");

        var saved = owner.postRepeated("/campaigns/builder", Map.ofEntries(Map.entry("name", "Barato"),
                Map.entry("audience", "tag"), Map.entry("tag", "alcance"), Map.entry("content", "saved"),
                Map.entry("templateId", template), Map.entry("scheduleType", "now"), Map.entry("cheapest", "true")),
                "channels", List.of("sms", "email", ""));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        String id = saved.location().replaceAll(".*/campaigns/(cmp_[0-9a-z]+).*", "$1");
        var campaign = campaigns.require(workspaceId, PublicId.parse("cmp_", id).orElseThrow());
        assertThat(campaign.channel()).isEqualTo("cheapest");
        assertThat(campaign.channels()).containsExactly("sms", "email");
        assertThat(owner.get("/campaigns/" + id + "/edit").body()).containsPattern("id=\"channels-cheapest\"[^>]*checked");
    }
}
